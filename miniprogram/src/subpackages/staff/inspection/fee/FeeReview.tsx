import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Cell, TextArea } from '@nutui/nutui-react-taro'
import { FeeDecisionRequest } from '@shared/api/inspection-schemas'
import { formatChinaTime } from '@shared/china-time'
import { formatYuan, type FeeDecision } from '@shared/fee'
import { Button } from '../../../../components/Button'
import { ApiError, call, showError } from '../../../../api/client'
import { TrailList } from '../../../../components/InspectionInfo'
import { RecordPending } from '../../../../components/RecordPending'
import { useRecord } from '../../../../lib/use-record'
import { validate } from '../../../../lib/validate'
import type { DetailProps } from '../../lib/detail-page'
import { askToConfirm } from '../../../../lib/dialog'
import './index.scss'

const WORDS: Record<FeeDecision, string> = { confirm: '确认已缴费', reject: '不予确认' }

/** Local staff check a member's declared offline payment against their books. */
export function FeeReview({ id, onDecided }: DetailProps) {
  const { record: review, setRecord: setReview, error: loadError, reload: load } = useRecord('feeReview', id, true)
  const [opinion, setOpinion] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  async function decide(decision: FeeDecision) {
    if (!review) return
    const { data, errors } = validate(FeeDecisionRequest, { decision, opinion, version: review.version })
    setError(errors.opinion ?? '')
    if (!data) return
    const { confirm } = await askToConfirm({
      title: WORDS[decision],
      content: `确定${WORDS[decision]}（${review.member.name} ${review.year}年度会费）吗？`,
      confirmText: '确定',
      cancelText: '取消',
    })
    if (!confirm) return
    setBusy(true)
    try {
      setReview(await call('decideFee', { params: { id: review.id }, body: data }))
      void Taro.showToast({ title: '已处理', icon: 'success' })
      onDecided?.()
    } catch (failure) {
      if (failure instanceof ApiError) setError(failure.fieldErrors.opinion ?? '')
      showError(failure)
      void load()
    } finally {
      setBusy(false)
    }
  }

  if (!review) return <RecordPending className="fee-review" error={loadError} />
  return (
    <View className="fee-review">
      <Cell.Group>
        <Cell
          title="会员"
          extra={
            <Text className="fee-review__value">
              {review.member.name}（{review.member.memberNo}）
            </Text>
          }
        />
        <Cell title="工作单位" extra={<Text className="fee-review__value">{review.member.workUnit ?? '未填写'}</Text>} />
        <Cell title="手机号码" extra={<Text className="fee-review__value">{review.member.phoneMasked ?? '未填写'}</Text>} />
        <Cell title="会费年度" extra={<Text className="fee-review__value">{review.year}</Text>} />
        <Cell title="应缴金额" extra={<Text className="fee-review__value">{formatYuan(review.amountFen)}</Text>} />
        <Cell title="缴费情况" extra={<Text className="fee-review__value">{review.status}</Text>} />
        <Cell title="申报时间" extra={<Text className="fee-review__value">{formatChinaTime(review.declaredAt)}</Text>} />
      </Cell.Group>
      <Text className="section-title">会员的缴费说明</Text>
      <View className="card">
        <Text>{review.offlineNote ?? '—'}</Text>
      </View>
      {review.trail.length ? (
        <>
          <Text className="section-title">审批信息</Text>
          <TrailList trail={review.trail} />
        </>
      ) : null}
      {review.status === '待确认' ? (
        <View className="card fee-review__decide">
          <Text className="fee-review__label">说明</Text>
          <TextArea
            className="fee-review__opinion"
            value={opinion}
            onChange={(value) => {
              setOpinion(value)
              setError('')
            }}
            maxLength={200}
            showCount
            placeholder="不予确认时必填，将通知会员"
          />
          {error ? <Text className="error-text">{error}</Text> : null}
          <View className="fee-review__buttons">
            <Button id="fee-reject" className="fee-review__button" type="warning" disabled={busy} onClick={() => void decide('reject')}>
              不予确认
            </Button>
            <Button id="fee-confirm" className="fee-review__button" type="primary" disabled={busy} onClick={() => void decide('confirm')}>
              确认已缴费
            </Button>
          </View>
        </View>
      ) : (
        <Text className="muted fee-review__done">该缴费已处理：{review.status}</Text>
      )}
    </View>
  )
}
