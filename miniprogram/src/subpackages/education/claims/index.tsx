import { useCallback, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Empty, Skeleton, Tabs } from '@nutui/nutui-react-taro'
import { CLAIM_KINDS, type ClaimKind, type HoursClaim } from '@shared/api/education-schemas'
import { Button } from '../../../components/Button'
import { call, showError } from '../../../api/client'
import { CLAIM_KIND_LABELS } from '../../../components/HoursClaimInfo'
import { EDUCATION_PAGES } from '../../../lib/education-pages'
import { useRequiredSession } from '../../../lib/use-session'
import { StatusTag } from '../../../components/StatusTag'
import './index.scss'
import { formatChinaDate } from '@shared/china-time'

const NEW_PAGES: Record<ClaimKind, string> = { output: EDUCATION_PAGES.outputClaim, exemption: EDUCATION_PAGES.exemptionClaim }
const EMPTY_TEXT: Record<ClaimKind, string> = {
  output: '发表专业文章、授课、课题研究等可按类别申报学时，经所属注协审核后计入。',
  exemption: '因病、生育、出国（境）工作等不能完成学时的，可申请减免当年应完成学时。',
}

/** 产出式学时 / 减免学时: the member's claims of each kind, newest first, and 新增. */
export default function ClaimsPage() {
  const session = useRequiredSession(['member'])
  const { params } = useRouter()
  const [kind, setKind] = useState<ClaimKind>(params.kind === 'exemption' ? 'exemption' : 'output')
  const [claims, setClaims] = useState<HoursClaim[] | null>(null)

  const load = useCallback(
    async (wanted: ClaimKind) => {
      if (!session || session.user.mustChangePassword) return
      try {
        setClaims((await call('listClaims', { query: { kind: wanted } })).claims)
      } catch (error) {
        showError(error)
      } finally {
        Taro.stopPullDownRefresh()
      }
    },
    [session],
  )
  useDidShow(() => void load(kind))
  usePullDownRefresh(() => void load(kind))

  function switchTo(next: ClaimKind) {
    setKind(next)
    setClaims(null)
    void load(next)
  }

  return (
    <View className="claims page">
      <Tabs className="claims__tabs" value={kind} onChange={(value) => switchTo(value as ClaimKind)} activeType="line" duration={0}>
        {CLAIM_KINDS.map((each) => (
          <Tabs.TabPane key={each} value={each} title={CLAIM_KIND_LABELS[each]} />
        ))}
      </Tabs>

      <View className="claims__list">
        {claims === null ? (
          <View className="card">
            <Skeleton rows={4} animated />
          </View>
        ) : claims.length === 0 ? (
          <Empty className="claims__empty" image={<View />} title={`暂无${CLAIM_KIND_LABELS[kind]}申请`} description={EMPTY_TEXT[kind]} />
        ) : (
          claims.map((claim) => (
            <View key={claim.id} className="card claims__item" onClick={() => void Taro.navigateTo({ url: `${EDUCATION_PAGES.claim}?id=${claim.id}` })}>
              <View className="claims__item-head">
                <Text className="claims__item-title">{claim.title}</Text>
                <StatusTag state={claim.status} className="claims__item-status">
                  {claim.statusLabel}
                </StatusTag>
              </View>
              <Text className="muted">{claim.summary}</Text>
              <View className="claims__item-foot">
                <Text className="claims__item-hours">
                  {claim.year}年度 · 申报{claim.requestedHours}学时
                  {claim.creditedHours !== null ? ` · ${claim.kind === 'output' ? '认可' : '减免'}${claim.creditedHours}学时` : ''}
                </Text>
                <Text className="muted">{formatChinaDate(claim.submittedAt)}</Text>
              </View>
              {claim.capNote ? <Text className="claims__item-cap">已按年度上限认可，详见申请详情</Text> : null}
            </View>
          ))
        )}
      </View>

      <View className="claims__bar">
        <Button id="claims-new" type="primary" block onClick={() => void Taro.navigateTo({ url: NEW_PAGES[kind] })}>
          新增{CLAIM_KIND_LABELS[kind]}
        </Button>
      </View>
    </View>
  )
}
