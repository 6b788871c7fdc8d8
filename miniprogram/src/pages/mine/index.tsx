import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Cell, Skeleton } from '@nutui/nutui-react-taro'
import type { ProfileResponse } from '@shared/api/schemas'
import { USER_TYPE_LABELS } from '@shared/roles'
import { Button } from '../../components/Button'
import { call } from '../../api/client'
import { TabBar } from '../../components/TabBar'
import { WechatBindingCell } from '../../components/WechatBindingCell'
import { clearSession, PAGES } from '../../lib/session'
import { usePageData } from '../../lib/use-page-data'
import { useRequiredSession } from '../../lib/use-session'
import { askToConfirm } from '../../lib/dialog'
import './index.scss'

const STAFF_ROLE_LABELS = { local_staff: '地方注协工作人员', cicpa_staff: '中注协工作人员' } as const

function infoRows(profile: ProfileResponse): [string, string][] {
  if (profile.kind === 'staff') {
    return [
      ['姓名', profile.name],
      ['账号', profile.username],
      ['角色', STAFF_ROLE_LABELS[profile.role]],
      ['所属单位', profile.association.name],
    ]
  }
  return [
    ['姓名', profile.name],
    ['会员编号', profile.memberNo],
    ['会员类型', USER_TYPE_LABELS[profile.userType]],
    ['民族', profile.ethnicity ?? '未填写'],
    ['性别', profile.gender],
    ['出生日期', profile.birthDate ?? '未填写'],
    ['所属注协', profile.association.name],
    ['证件类型', profile.idType],
    ['证件号码', profile.idNumberMasked],
    ['政治面貌', profile.politicalStatus ?? '未填写'],
    ['所在地区', profile.region ?? '未填写'],
    ['户口所在地', profile.household ?? '未填写'],
    ['手机号码', profile.phoneMasked ?? '未填写'],
    ['电子邮箱', profile.emailMasked ?? '未填写'],
    ['工作单位', profile.workUnit ?? '未填写'],
    ['入会日期', profile.joinDate],
    ['会员状态', profile.status],
  ]
}

export default function MinePage() {
  const session = useRequiredSession(['member', 'local_staff', 'cicpa_staff'])
  const { data: profile } = usePageData('profile', Boolean(session && !session.user.mustChangePassword))
  const [leaving, setLeaving] = useState(false)

  async function logout() {
    const { confirm } = await askToConfirm({ title: '退出登录', content: '确定要退出登录吗？', confirmText: '退出', cancelText: '取消' })
    if (!confirm) return
    setLeaving(true)
    try {
      await call('logout')
    } catch {
      // Leaving must work offline too; the server-side sessions then simply expire.
    }
    clearSession()
    void Taro.reLaunch({ url: PAGES.login })
  }

  return (
    <View className="mine page">
      <Text className="section-title">基本信息</Text>
      <View className="mine__info">
        {profile ? (
          <Cell.Group>
            {infoRows(profile).map(([label, value]) => (
              <Cell key={label} title={label} extra={<Text className="mine__value">{value}</Text>} />
            ))}
          </Cell.Group>
        ) : (
          <View className="card">
            <Skeleton rows={6} animated />
          </View>
        )}
      </View>
      {profile?.kind === 'member' ? <Text className="muted mine__note">证件号码等敏感信息已部分隐藏；如需更正，请联系所属注协。</Text> : null}

      <Text className="section-title">账号与服务</Text>
      <Cell.Group>
        <Cell title="修改密码" extra={<Text className="muted">›</Text>} clickable onClick={() => void Taro.navigateTo({ url: PAGES.changePassword })} />
        {profile?.kind === 'member' ? <WechatBindingCell /> : null}
        {profile?.kind === 'member' ? (
          <>
            {profile.userType === 'non_practising' ? (
              <Cell
                className="mine__qr"
                title="年检二维码"
                extra={<Text className="muted">›</Text>}
                clickable
                onClick={() => void Taro.navigateTo({ url: PAGES.inspectionQr })}
              />
            ) : null}
            <Cell
              className="mine__card"
              title="电子会员证"
              extra={<Text className="muted">›</Text>}
              clickable
              onClick={() => void Taro.navigateTo({ url: PAGES.memberCard })}
            />
            <Cell
              className="mine__good-standing"
              title="会员资格良好存续证明（英文）"
              extra={<Text className="muted">›</Text>}
              clickable
              onClick={() => void Taro.navigateTo({ url: PAGES.goodStanding })}
            />
          </>
        ) : null}
        <Cell title="联系方式" extra={<Text className="muted">›</Text>} clickable onClick={() => void Taro.navigateTo({ url: PAGES.contacts })} />
        {profile?.kind === 'member' ? (
          <Cell
            className="mine__personal-export"
            title="个人信息导出"
            extra={<Text className="muted">›</Text>}
            clickable
            onClick={() => void Taro.navigateTo({ url: PAGES.personalExport })}
          />
        ) : null}
        <Cell
          className="mine__privacy"
          title="用户隐私保护指引"
          extra={<Text className="muted">›</Text>}
          clickable
          onClick={() => void Taro.navigateTo({ url: PAGES.privacyGuide })}
        />
      </Cell.Group>

      <Button id="logout" className="mine__logout" block fill="outline" type="danger" loading={leaving} onClick={() => void logout()}>
        退出登录
      </Button>
      <TabBar current="mine" />
    </View>
  )
}
