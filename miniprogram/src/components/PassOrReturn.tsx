import { useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { TextArea } from '@nutui/nutui-react-taro'
import { DecisionRequest } from '@shared/api/inspection-schemas'
import type { Decision } from '@shared/inspection'
import { Button } from './Button'
import { ApiError, showError } from '../api/client'
import { validate } from '../lib/validate'
import { askToConfirm } from '../lib/dialog'
import './PassOrReturn.scss'

export const DECISION_WORDS: Record<Decision, string> = { pass: '通过', return: '退回' }

/**
 * 审核意见 with 通过 / 退回 under a staff review: a return needs a reason (the shared schema says
 * so), each decision is confirmed in a dialog, and a refused one reloads what changed meanwhile.
 */
export function PassOrReturn(props: {
  version: number
  /** The dialog's question, e.g. 确定通过张晓明的2026年度年检申请吗？ */
  question: (decision: Decision) => string
  /** Shown above the opinion, e.g. what passing would credit. */
  outcome?: ReactNode
  submit: (body: { decision: Decision; opinion: string; version: number }) => Promise<void>
  reload: () => void
}) {
  const [opinion, setOpinion] = useState('')
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState<Decision | null>(null)

  async function decide(decision: Decision) {
    const { data, errors } = validate(DecisionRequest, { decision, opinion, version: props.version })
    setFieldErrors(errors)
    if (!data) return
    const { confirm } = await askToConfirm({
      title: `确认${DECISION_WORDS[decision]}`,
      content: props.question(decision),
      confirmText: '确定',
      cancelText: '取消',
    })
    if (!confirm) return
    setBusy(decision)
    try {
      await props.submit(data)
      void Taro.showToast({ title: `已${DECISION_WORDS[decision]}`, icon: 'success' })
      setOpinion('')
    } catch (error) {
      if (error instanceof ApiError) setFieldErrors(error.fieldErrors)
      showError(error)
      props.reload()
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className="card decision">
      {props.outcome ? <Text className="decision__outcome">{props.outcome}</Text> : null}
      <Text className="decision__label">审核意见</Text>
      <TextArea
        className="decision__opinion"
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
      <View className="decision__buttons">
        <Button
          id="decision-return"
          className="decision__button"
          type="warning"
          loading={busy === 'return'}
          disabled={busy !== null}
          onClick={() => void decide('return')}
        >
          退回
        </Button>
        <Button
          id="decision-pass"
          className="decision__button"
          type="primary"
          loading={busy === 'pass'}
          disabled={busy !== null}
          onClick={() => void decide('pass')}
        >
          通过
        </Button>
      </View>
    </View>
  )
}
