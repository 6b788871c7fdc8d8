import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { TextArea } from '@nutui/nutui-react-taro'
import { CorrectionRequest, type InspectionDetail } from '@shared/api/inspection-schemas'
import { CORRECTION_LABELS, correctionsFor, type Correction } from '@shared/inspection'
import { Button } from './Button'
import { ApiError, showError } from '../api/client'
import { validate } from '../lib/validate'
import { askToConfirm } from '../lib/dialog'
import './CorrectionPanel.scss'

const OUTCOMES: Record<Correction, string> = {
  revoke: '撤销后扫码核验立即显示撤销状态；会员收到通知，可按撤销原因修改后再次申请。',
  reopen: '该申请回到会员所属注协的待办，重新审核通过或退回。',
}

/**
 * 更正 under a decided inspection (seed 003: 其他特殊状态由省注协处理): revoke a pass or reopen the
 * item, always with a reason the member is told. Hidden behind one button so a decided item does
 * not look like it still waits for a decision.
 */
export function CorrectionPanel(props: {
  detail: InspectionDetail
  submit: (body: { correction: Correction; reason: string; version: number }) => Promise<void>
  reload: () => void
}) {
  const { detail } = props
  const choices = correctionsFor(detail.status)
  const [open, setOpen] = useState(false)
  const [correction, setCorrection] = useState<Correction | undefined>(choices.length === 1 ? choices[0] : undefined)
  const [reason, setReason] = useState('')
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  if (!choices.length) return null
  if (!open) {
    return (
      <Button id="correction-open" className="correction__open" type="primary" fill="outline" block onClick={() => setOpen(true)}>
        更正
      </Button>
    )
  }

  async function send() {
    const { data, errors } = validate(CorrectionRequest, { correction, reason, version: detail.version })
    setFieldErrors(errors)
    if (!data) return
    const { confirm } = await askToConfirm({
      title: `确认${CORRECTION_LABELS[data.correction]}`,
      content: `确定${CORRECTION_LABELS[data.correction]}${detail.member.name}的${detail.year}年度${detail.kindLabel}（${detail.statusLabel}）吗？`,
      confirmText: '确定',
      cancelText: '取消',
    })
    if (!confirm) return
    setBusy(true)
    try {
      await props.submit(data)
      void Taro.showToast({ title: '已更正', icon: 'success' })
      setOpen(false)
      setReason('')
    } catch (error) {
      if (error instanceof ApiError) setFieldErrors(error.fieldErrors)
      showError(error)
      props.reload()
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card correction">
      <Text className="correction__title">更正（当前：{detail.statusLabel}）</Text>
      <Text className="correction__label">更正方式</Text>
      <View className="correction__choices">
        {choices.map((choice) => (
          <Text
            key={choice}
            className={`correction__choice correction__choice--${choice} ${correction === choice ? 'correction__choice--on' : ''}`}
            onClick={() => {
              setCorrection(choice)
              setFieldErrors(({ correction: _chosen, ...rest }) => rest)
            }}
          >
            {CORRECTION_LABELS[choice]}
          </Text>
        ))}
      </View>
      {fieldErrors.correction ? <Text className="error-text">{fieldErrors.correction}</Text> : null}
      {correction ? <Text className="correction__outcome">{OUTCOMES[correction]}</Text> : null}
      <Text className="correction__label">更正原因</Text>
      <TextArea
        className="correction__reason"
        value={reason}
        onChange={(value) => {
          setReason(value)
          setFieldErrors(({ reason: _typed, ...rest }) => rest)
        }}
        placeholder="必填，将写入审批信息并通知会员"
        maxLength={500}
        showCount
      />
      {fieldErrors.reason ? <Text className="error-text correction__error">{fieldErrors.reason}</Text> : null}
      <View className="correction__buttons">
        <Button className="correction__button" disabled={busy} onClick={() => setOpen(false)}>
          取消
        </Button>
        <Button id="correction-submit" className="correction__button" type="danger" loading={busy} disabled={busy} onClick={() => void send()}>
          提交更正
        </Button>
      </View>
    </View>
  )
}
