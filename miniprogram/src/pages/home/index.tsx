import type { ComponentType } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Clock, Coupon, Edit, Notice, Order, Phone, Refresh, ShieldCheck, Video } from '@nutui/icons-react-taro'
import { Badge, Grid, Skeleton } from '@nutui/nutui-react-taro'
import { NON_PRACTISING_MEMBERS } from '@shared/api/route-def'
import { USER_TYPE_LABELS } from '@shared/roles'
import { useLatestMessage } from '../../components/LatestMessage'
import { TabBar } from '../../components/TabBar'
import { StatusTag } from '../../components/StatusTag'
import { EDUCATION_PAGES } from '../../lib/education-pages'
import { INSPECTION_PAGES } from '../../lib/inspection-pages'
import { PAGES } from '../../lib/session'
import { usePageData } from '../../lib/use-page-data'
import { useRequiredSession } from '../../lib/use-session'
import './index.scss'

interface Entry {
  key: string
  text: string
  icon: ComponentType<{ className?: string }>
  url: string
  badge?: string | null
}

/** A practising CPA takes no annual inspection here (the server refuses it): continuing education and self-service only. */
const PRACTISING_ENTRIES: Entry[] = [
  { key: 'learn', text: '在线学习', icon: Video, url: EDUCATION_PAGES.learn },
  { key: 'hours', text: '学时查询', icon: Clock, url: EDUCATION_PAGES.hours },
  { key: 'reset', text: '找回密码', icon: Refresh, url: `${PAGES.resetPassword}?userType=cpa` },
  { key: 'contacts', text: '联系方式', icon: Phone, url: PAGES.contacts },
]

export default function MemberHomePage() {
  const session = useRequiredSession(['member'])
  const signedIn = Boolean(session && !session.user.mustChangePassword)
  const practising = session?.user.userType === 'cpa'
  const { data: profile, failed, reload } = usePageData('profile', signedIn)
  const { data: overview, reload: reloadOverview } = usePageData('inspectionOverview', signedIn && !practising)
  const latestMessage = useLatestMessage(() => void reloadOverview())
  const member = profile?.kind === 'member' ? profile : null
  const badge = overview?.homeBadge
  const unread = overview?.unreadMessages ?? 0

  const entries: Entry[] = practising
    ? PRACTISING_ENTRIES
    : [
        { key: 'apply', text: '年检申请', icon: ShieldCheck, url: INSPECTION_PAGES.apply, badge },
        { key: 'history', text: '历年年检结果查询', icon: Order, url: INSPECTION_PAGES.history },
        { key: 'learn', text: '在线学习', icon: Video, url: EDUCATION_PAGES.learn },
        { key: 'hours', text: '学时查询', icon: Clock, url: EDUCATION_PAGES.hours },
        { key: 'output', text: '产出式学时', icon: Edit, url: `${EDUCATION_PAGES.claims}?kind=output` },
        { key: 'exemption', text: '减免学时', icon: Coupon, url: `${EDUCATION_PAGES.claims}?kind=exemption` },
        { key: 'contacts', text: '联系方式', icon: Phone, url: PAGES.contacts },
      ]

  return (
    <View className={`home page ${practising ? 'home--practising' : ''}`}>
      <View className="card home__header">
        {practising ? null : (
          <View className="home__bell" role="button" aria-label={`消息，${unread}条未读`} onClick={latestMessage.show}>
            {unread > 0 ? (
              <Badge value={unread} max={99} className="home__bell-badge">
                <Notice className="home__bell-icon" />
              </Badge>
            ) : (
              <Notice className="home__bell-icon" />
            )}
          </View>
        )}
        {member ? (
          <>
            <View className="home__name-row">
              <Text className="home__name">{member.name}</Text>
              <StatusTag state={member.status}>{member.status}</StatusTag>
            </View>
            <Text className="home__meta home__user-type">{USER_TYPE_LABELS[member.userType]}</Text>
            <Text className="home__meta">会员编号 {member.memberNo}</Text>
            <Text className="home__meta">{member.association.name}</Text>
          </>
        ) : failed ? (
          <Text className="link" onClick={() => void reload()}>
            加载失败，点击重试
          </Text>
        ) : (
          <Skeleton rows={3} animated />
        )}
      </View>

      <View className="card home__entries">
        <Grid columns={4} className="home__grid">
          {entries.map((entry) => (
            <Grid.Item
              key={entry.key}
              className={`home__entry home__entry--${entry.key}`}
              text={entry.text}
              onClick={() => void Taro.navigateTo({ url: entry.url })}
            >
              <View className="home__icon">
                <entry.icon className="home__icon-glyph" />
              </View>
              {entry.badge ? (
                <StatusTag className="home__entry-badge" state={entry.badge}>
                  {entry.badge}
                </StatusTag>
              ) : null}
            </Grid.Item>
          ))}
        </Grid>
      </View>

      {practising ? (
        <View className="card home__practising">
          <Text className="home__inspection-title">继续教育</Text>
          <Text className="muted">在线学习所选国家会计学院的课程，学完并评价后计入学时；学时查询可按年度查看。</Text>
          <Text className="muted home__practising-note">{NON_PRACTISING_MEMBERS.refusal}。</Text>
        </View>
      ) : null}

      {overview ? (
        <View className="card home__inspection" onClick={() => void Taro.navigateTo({ url: INSPECTION_PAGES.apply })}>
          <Text className="home__inspection-title">{overview.year}年度年检</Text>
          <Text className="muted">
            学时 {overview.hours.done}/{overview.hours.required} · 缴费情况 {overview.fee}
            {overview.application ? ` · ${overview.application.statusLabel}` : ''}
          </Text>
        </View>
      ) : null}
      {practising ? null : latestMessage.popup}
      <TabBar current="home" />
    </View>
  )
}
