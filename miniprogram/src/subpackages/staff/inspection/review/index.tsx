import { useCallback, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Button, Skeleton, TextArea } from '@nutui/nutui-react-taro'
import { DecisionRequest, type InspectionDetail } from '@shared/api/inspection-schemas'
import type { Decision } from '@shared/inspection'
import { ApiError, call, showError } from '../../../../api/client'
import { InspectionInfo, TrailList } from '../../../../components/InspectionInfo'
import { useRequiredSession } from '../../../../lib/use-session'
import { validate } from '../../../../lib/validate'
import './index.scss'

const DECISION_WORDS: Record<Decision, string> = { pass: '通过', return: '退回' }

/** Local staff review one inspection or deferral: everything the member submitted, then pass or return. */
export default function InspectionReviewPage() {
  const session = useRequiredSession(['local_staff'])
  const { params } = useRouter()
  const [detail, setDetail] = useState<InspectionDetail | null>(null)
  const [opinion, setOpinion] = useState('')
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState<Decision | null>(null)
  const [loadError, setLoadError] = useState('')

  const load = useCallback(async () => {
    if (!session || session.user.mustChangePassword || !params.id) return
    try {
      setDetail(await call('inspectionDetail', { params: { id: params.id } }))
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
    const { data, errors } = validate(DecisionRequest, { decision, opinion, version: detail.version })
    setFieldErrors(errors)
    if (!data) return
    const { confirm } = await Taro.showModal({
      title: `确认${DECISION_WORDS[decision]}`,
      content: `确定${DECISION_WORDS[decision]}${detail.member.name}的${detail.year}年度${detail.kindLabel}吗？`,
      confirmText: '确定',
      cancelText: '取消',
    })
    if (!confirm) return
    setBusy(decision)
    try {
      setDetail(await call('decideInspection', { params: { id: detail.id }, body: data }))
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
    return <View className="review page">{loadError ? <Text className="muted">{loadError}</Text> : <View className="card"><Skeleton rows={8} animated /></View>}</View>
  }
  return (
    <View className="review page">
      <InspectionInfo detail={detail} />
      <Text className="section-title">审批信息</Text>
      <TrailList trail={detail.trail} />
      {detail.status === 'pending' ? (
        <View className="card review__decide">
          <Text className="review__label">审核意见</Text>
          <TextArea
            className="review__opinion"
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
          <View className="review__buttons">
            <Button id="review-return" className="review__button" type="warning" loading={busy === 'return'} disabled={busy !== null} onClick={() => void decide('return')}>
              退回
            </Button>
            <Button id="review-pass" className="review__button" type="primary" loading={busy === 'pass'} disabled={busy !== null} onClick={() => void decide('pass')}>
              通过
            </Button>
          </View>
        </View>
      ) : (
        <Text className="muted review__done">该申请已办理：{detail.statusLabel}</Text>
      )}
    </View>
  )
}
