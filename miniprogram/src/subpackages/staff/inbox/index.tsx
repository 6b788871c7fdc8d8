import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Badge, Cell, Empty, Skeleton } from '@nutui/nutui-react-taro'
import { usePrivacyConsent } from '../../../components/PrivacyConsent'
import { TabBar } from '../../../components/TabBar'
import { STAFF_EXPORTS_PAGE, STAFF_FIGURES_PAGE, STAFF_HANDLED_PAGE, STAFF_LIST_PAGE } from '../../../lib/approval-pages'
import { INSPECTION_PAGES } from '../../../lib/inspection-pages'
import { scanQrCode } from '../../../lib/platform'
import { TOAST_MS } from '../../../lib/toast'
import { usePageData } from '../../../lib/use-page-data'
import { useRequiredSession } from '../../../lib/use-session'
import { tokenFromScan, VERIFY_PAGE } from '../../../lib/verification'
import './index.scss'

/** 扫一扫 a member's 年检二维码 or 电子会员证: the same verification anyone gets, plus links for staff. */
async function scanMemberCode() {
  let scanned: string | null
  try {
    scanned = await scanQrCode()
  } catch (error) {
    void Taro.showToast({ title: error instanceof Error ? error.message : '扫码失败，请重试', icon: 'none', duration: TOAST_MS.reason })
    return
  }
  if (scanned === null) return // the user closed the scanner
  const token = tokenFromScan(scanned)
  if (!token) {
    void Taro.showToast({ title: '不是会员二维码', icon: 'none' })
    return
  }
  void Taro.navigateTo({ url: `${VERIFY_PAGE}?t=${token}` })
}

/** The staff home: what waits for this user's level, by kind. Pull down to refresh. */
export default function StaffInboxPage() {
  const session = useRequiredSession(['local_staff', 'cicpa_staff'])
  const { data: inbox, failed, reload } = usePageData('inbox', Boolean(session && !session.user.mustChangePassword))
  // The reminders job's morning digest: what started waiting for this level the day before.
  const { data: digests } = usePageData('staffDigests', Boolean(session && !session.user.mustChangePassword))
  const digest = digests?.items[0]
  // 扫一扫 asks for the privacy agreement in the H5 build (lib/platform.ts) through this page's popup.
  const privacy = usePrivacyConsent()

  return (
    <View className="inbox page">
      <View className="card inbox__header">
        <View className="inbox__who">
          <Text className="inbox__scope">{inbox?.scope.name ?? session?.user.association.name ?? ''}</Text>
          <Text className="inbox__user">{session?.user.displayName}</Text>
        </View>
        <View className="inbox__total">
          <Text className="inbox__total-number">{inbox ? inbox.total : '–'}</Text>
          <Text className="inbox__total-label">项待审批</Text>
        </View>
        <Text id="inbox-scan" className="inbox__mine inbox__scan" onClick={() => void scanMemberCode()}>
          扫一扫
        </Text>
      </View>

      {digest ? (
        <View id="inbox-digest" className="card inbox__digest">
          <Text className="inbox__digest-title">
            每日摘要：{digest.covers} 新增待审批 {digest.total} 项
          </Text>
          <Text className="muted">{digest.categories.map((category) => `${category.label} ${category.count}`).join('　')}</Text>
        </View>
      ) : null}

      <Text className="section-title">待办分类</Text>
      {inbox ? (
        <Cell.Group>
          {inbox.categories.map((category) => (
            <Cell
              key={category.kind}
              className={`inbox__category inbox__category--${category.kind}`}
              title={category.label}
              extra={category.pending > 0 ? <Badge value={category.pending} max={99} /> : <Text className="muted">0</Text>}
              clickable
              // An empty category opens too: it says that nothing waits and leads to 已办.
              onClick={() => void Taro.navigateTo({ url: `${STAFF_LIST_PAGE}?kind=${category.kind}` })}
            />
          ))}
        </Cell.Group>
      ) : failed ? (
        <Text className="link" onClick={() => void reload()}>
          加载失败，点击重试
        </Text>
      ) : (
        <View className="card">
          <Skeleton rows={5} animated />
        </View>
      )}

      <Text className="section-title">工作台</Text>
      <Cell.Group className="inbox__tools">
        <Cell
          className="inbox__handled"
          title="已办"
          description="本级已通过、退回或不通过的事项"
          extra={<Text className="muted">›</Text>}
          clickable
          onClick={() => void Taro.navigateTo({ url: STAFF_HANDLED_PAGE })}
        />
        <Cell
          className="inbox__exports"
          title="导出 Excel"
          description="年检结果、会员学时、待审批清单"
          extra={<Text className="muted">›</Text>}
          clickable
          onClick={() => void Taro.navigateTo({ url: STAFF_EXPORTS_PAGE })}
        />
        <Cell
          className="inbox__figures"
          title="年检统计"
          description="已申请、通过、退回、暂缓、会费与学时达标"
          extra={<Text className="muted">›</Text>}
          clickable
          onClick={() => void Taro.navigateTo({ url: STAFF_FIGURES_PAGE })}
        />
      </Cell.Group>

      {session?.user.role === 'local_staff' ? (
        <>
          <Text className="section-title">设置</Text>
          <Cell.Group>
            <Cell
              className="inbox__notice"
              title="年检申请时间与自定义通知"
              extra={<Text className="muted">›</Text>}
              clickable
              onClick={() => void Taro.navigateTo({ url: INSPECTION_PAGES.staffNotice })}
            />
          </Cell.Group>
        </>
      ) : null}

      {inbox && inbox.total === 0 ? (
        <Empty
          className="inbox__empty"
          image={<View className="inbox__empty-mark">✓</View>}
          imageSize={60}
          title="暂无待审批事项"
          description="新的申请提交后会出现在这里，下拉可刷新"
        />
      ) : null}
      {privacy.popup}
      <TabBar current="inbox" />
    </View>
  )
}
