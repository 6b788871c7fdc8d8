import { useCallback, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Button, Cell, Skeleton, TextArea } from '@nutui/nutui-react-taro'
import { ClaimDecisionRequest, type ClaimDetail } from '@shared/api/education-schemas'
import { creditOutputHours, outputCategory } from '@shared/education'
import type { Decision } from '@shared/inspection'
import { ApiError, call, showError } from '../../../api/client'
import { CLAIM_KIND_LABELS, HoursClaimInfo } from '../../../components/HoursClaimInfo'
import { useRequiredSession } from '../../../lib/use-session'
import { validate } from '../../../lib/validate'
import './index.scss'

const DECISION_WORDS: Record<Decision, string> = { pass: '通过', return: '退回' }

/** What passing would credit, so the reviewer sees the category's yearly cap before deciding. */
function passOutcome(detail: ClaimDetail): string {
  const { claim } = detail
  if (!claim.output) return `通过后${claim.year}年度应完成学时减少${claim.requestedHours}学时。`
  const credit = creditOutputHours(outputCategory(claim.output.category), claim.output.quantity, detail.categoryCreditedInYear ?? 0)
  return credit.capNote ? `通过后认可${credit.credited}学时：${credit.capNote}。` : `通过后认可${credit.credited}学时。`
}

/** Local staff review a member's 产出式学时 or 减免学时 claim: the claim, its proofs, then pass or return. */
export default function HoursClaimReviewPage() {
  const session = useRequiredSession(['local_staff'])
  const { params } = useRouter()
  const [detail, setDetail] = useState<ClaimDetail | null>(null)
  const [opinion, setOpinion] = useState('')
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState<Decision | null>(null)
  const [loadError, setLoadError] = useState('')

  const load = useCallback(async () => {
    if (!session || session.user.mustChangePassword || !params.id) return
    try {
      setDetail(await call('claimDetail', { params: { id: params.id } }))
    } catch (error) {
      setLoadError(error instanceof ApiError ? error.message : '加载失败')
      showError(error)
    } finally {
      Taro.stopPullDownRefresh()
    }
  }, [session, params.id])
  useDidShow(() => void load())
  usePullDownRefresh(() => void load())

  async function decide(decision: Decision) {
    if (!detail) return
    const { claim } = detail
    const { data, errors } = validate(ClaimDecisionRequest, { decision, opinion, version: claim.version })
    setFieldErrors(errors)
    if (!data) return
    const { confirm } = await Taro.showModal({
      title: `确认${DECISION_WORDS[decision]}`,
      content:
        decision === 'pass'
          ? `确定通过${detail.member.name}的${CLAIM_KIND_LABELS[claim.kind]}申请吗？${passOutcome(detail)}`
          : `确定退回${detail.member.name}的${CLAIM_KIND_LABELS[claim.kind]}申请吗？退回原因将通知会员。`,
      confirmText: '确定',
      cancelText: '取消',
    })
    if (!confirm) return
    setBusy(decision)
    try {
      setDetail(await call('decideClaim', { params: { id: claim.id }, body: data }))
      void Taro.showToast({ title: `已${DECISION_WORDS[decision]}`, icon: 'success' })
      setOpinion('')
    } catch (error) {
      if (error instanceof ApiError) setFieldErrors(error.fieldErrors)
      showError(error)
      void load()
    } finally {
      setBusy(null)
    }
  }

  if (!detail) {
    return <View className="claim-review page">{loadError ? <Text className="muted">{loadError}</Text> : <View className="card"><Skeleton rows={8} animated /></View>}</View>
  }
  const { claim, member } = detail
  return (
    <View className="claim-review page">
      <Text className="section-title">申请人</Text>
      <Cell.Group>
        <Cell title="会员" extra={<Text className="claim-review__value">{`${member.name}（${member.memberNo}）`}</Text>} />
        <Cell title="所属注协" extra={<Text className="claim-review__value">{member.association.name}</Text>} />
        {claim.output && detail.categoryCreditedInYear !== null ? (
          <Cell
            className="claim-review__credited"
            title={`该类别${claim.year}年度已认可`}
            extra={<Text className="claim-review__value">{`${detail.categoryCreditedInYear}学时 / 上限${outputCategory(claim.output.category).yearlyCap}学时`}</Text>}
          />
        ) : null}
      </Cell.Group>
      <HoursClaimInfo detail={detail} />
      {claim.status === 'pending' ? (
        <View className="card claim-review__decide">
          <Text className="claim-review__outcome">{passOutcome(detail)}</Text>
          <Text className="claim-review__label">审核意见</Text>
          <TextArea
            className="claim-review__opinion"
            value={opinion}
            onChange={(value) => {
              setOpinion(value)
              setFieldErrors({})
            }}
            placeholder="退回时必填，将通知会员；通过时可不填"
            maxLength={500}
            showCount
          />
          {fieldErrors.opinion ? <Text className="error-text">{fieldErrors.opinion}</Text> : null}
          <View className="claim-review__buttons">
            <Button id="claim-return" className="claim-review__button" type="warning" loading={busy === 'return'} disabled={busy !== null} onClick={() => void decide('return')}>
              退回
            </Button>
            <Button id="claim-pass" className="claim-review__button" type="primary" loading={busy === 'pass'} disabled={busy !== null} onClick={() => void decide('pass')}>
              通过
            </Button>
          </View>
        </View>
      ) : (
        <Text className="muted claim-review__done">该申请已办理：{claim.statusLabel}</Text>
      )}
    </View>
  )
}
