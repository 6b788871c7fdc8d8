import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Cell, TextArea } from '@nutui/nutui-react-taro'
import { GOOD_STANDING_STATUS_LABELS } from '@shared/api/credential-schemas'
import { formatChinaTime } from '@shared/china-time'
import { Button } from '../../../components/Button'
import { ApiError, call, showError } from '../../../api/client'
import { TrailList } from '../../../components/InspectionInfo'
import { RecordPending } from '../../../components/RecordPending'
import { useRecord } from '../../../lib/use-record'
import type { DetailProps } from '../lib/detail-page'
import { askToConfirm } from '../../../lib/dialog'
import './index.scss'

/** CICPA staff: approve a good-standing certificate, or return it with the reason the member reads. */
export function GoodStandingReview({ id, onDecided }: DetailProps) {
  const { record: application, setRecord: setApplication, error: loadError, reload } = useRecord('goodStandingReview', id, true)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState('')
  const [busy, setBusy] = useState(false)

  async function decide(decision: 'approve' | 'return') {
    if (decision === 'return' && !reason.trim()) {
      setReasonError('退回时请填写退回原因')
      return
    }
    const { confirm } = await askToConfirm({
      title: decision === 'approve' ? '确认通过' : '确认退回',
      content: decision === 'approve' ? '通过后会员即可下载英文证明。' : `退回原因：${reason}`,
    })
    if (!confirm) return
    setBusy(true)
    try {
      setApplication(await call('decideGoodStanding', { params: { id }, body: decision === 'approve' ? { decision } : { decision, reason } }))
      void Taro.showToast({ title: decision === 'approve' ? '已通过' : '已退回', icon: 'success' })
      onDecided?.()
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        void Taro.showToast({ title: error.message, icon: 'none' })
        void reload()
      } else showError(error)
    } finally {
      setBusy(false)
    }
  }

  if (!application) return <RecordPending className="gs-review" error={loadError} />
  return (
    <View className="gs-review">
      <Cell.Group>
        <Cell title="会员" extra={`${application.memberName}（${application.memberNo}）`} />
        <Cell title="所属协会" extra={application.association} />
        <Cell title="英文姓名" extra={application.englishName} />
        <Cell title="用途" description={application.purpose} />
        <Cell title="致送单位" description={application.addressee} />
        <Cell title="提交时间" extra={formatChinaTime(application.submittedAt)} />
        <Cell title="状态" extra={<Text className="gs-review__status">{GOOD_STANDING_STATUS_LABELS[application.status]}</Text>} />
      </Cell.Group>
      <Text className="section-title">审批信息</Text>
      <TrailList trail={application.trail} />
      {application.status === 'pending' ? (
        <View className="card gs-review__actions">
          <Text className="gs-review__label">退回原因（退回时必填）</Text>
          <TextArea
            className="gs-review__reason"
            value={reason}
            onChange={(value) => {
              setReason(value)
              setReasonError('')
            }}
            maxLength={500}
            showCount
          />
          {reasonError ? <Text className="error-text">{reasonError}</Text> : null}
          <View className="gs-review__buttons">
            <Button id="gs-return" type="danger" fill="outline" disabled={busy} onClick={() => void decide('return')}>
              退回
            </Button>
            <Button id="gs-approve" type="primary" loading={busy} onClick={() => void decide('approve')}>
              通过
            </Button>
          </View>
        </View>
      ) : (
        <Text className="muted gs-review__done">该申请已处理{application.returnReason ? `：${application.returnReason}` : ''}</Text>
      )}
    </View>
  )
}
