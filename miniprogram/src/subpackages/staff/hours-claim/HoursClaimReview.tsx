import { Text, View } from '@tarojs/components'
import { Cell } from '@nutui/nutui-react-taro'
import type { ClaimDetail } from '@shared/api/education-schemas'
import { creditOutputHours, outputCategory } from '@shared/education'
import { call } from '../../../api/client'
import { CLAIM_KIND_LABELS, HoursClaimInfo } from '../../../components/HoursClaimInfo'
import { PassOrReturn } from '../../../components/PassOrReturn'
import { RecordPending } from '../../../components/RecordPending'
import { useRecord } from '../../../lib/use-record'
import type { DetailProps } from '../lib/detail-page'
import './index.scss'

/** What passing would credit, so the reviewer sees the category's yearly cap before deciding. */
function passOutcome(detail: ClaimDetail): string {
  const { claim } = detail
  if (!claim.output) return `通过后${claim.year}年度应完成学时减少${claim.requestedHours}学时。`
  const credit = creditOutputHours(outputCategory(claim.output.category), claim.output.quantity, detail.categoryCreditedInYear ?? 0)
  return credit.capNote ? `通过后认可${credit.credited}学时：${credit.capNote}。` : `通过后认可${credit.credited}学时。`
}

/** Local staff review a member's 产出式学时 or 减免学时 claim: the claim, its proofs, then pass or return. */
export function HoursClaimReview({ id, onDecided }: DetailProps) {
  const { record: detail, setRecord: setDetail, error: loadError, reload: load } = useRecord('claimDetail', id, true)

  if (!detail) return <RecordPending className="claim-review" error={loadError} />
  const { claim, member } = detail
  return (
    <View className="claim-review">
      <Text className="section-title">申请人</Text>
      <Cell.Group>
        <Cell title="会员" extra={<Text className="claim-review__value">{`${member.name}（${member.memberNo}）`}</Text>} />
        <Cell title="所属注协" extra={<Text className="claim-review__value">{member.association.name}</Text>} />
        {claim.output && detail.categoryCreditedInYear !== null ? (
          <Cell
            className="claim-review__credited"
            title={`该类别${claim.year}年度已认可`}
            extra={
              <Text className="claim-review__value">{`${detail.categoryCreditedInYear}学时 / 上限${outputCategory(claim.output.category).yearlyCap}学时`}</Text>
            }
          />
        ) : null}
      </Cell.Group>
      <HoursClaimInfo detail={detail} />
      {claim.status === 'pending' ? (
        <PassOrReturn
          version={claim.version}
          outcome={passOutcome(detail)}
          question={(decision) =>
            decision === 'pass'
              ? `确定通过${member.name}的${CLAIM_KIND_LABELS[claim.kind]}申请吗？${passOutcome(detail)}`
              : `确定退回${member.name}的${CLAIM_KIND_LABELS[claim.kind]}申请吗？退回原因将通知会员。`
          }
          submit={async (body) => {
            setDetail(await call('decideClaim', { params: { id: claim.id }, body }))
            onDecided?.()
          }}
          reload={() => void load()}
        />
      ) : (
        <Text className="muted claim-review__done">该申请已办理：{claim.statusLabel}</Text>
      )}
    </View>
  )
}
