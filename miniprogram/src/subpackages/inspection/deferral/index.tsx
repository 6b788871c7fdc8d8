import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Checkbox, Skeleton, TextArea } from '@nutui/nutui-react-taro'
import { Button } from '../../../components/Button'
import { SubmitDeferralRequest, type Materials as MaterialLists } from '@shared/api/inspection-schemas'
import { sentBackReasonLabel } from '@shared/inspection'
import { ApiError, call, showError } from '../../../api/client'
import { INSPECTION_PAGES } from '../../../lib/inspection-pages'
import { usePageData } from '../../../lib/use-page-data'
import { askToNotify, useSubscriptionPrompt } from '../../../lib/subscribe'
import { useRequiredSession } from '../../../lib/use-session'
import { validate } from '../../../lib/validate'
import { COMMITMENT_LETTER } from '../commitment'
import { Materials } from '../Materials'
import { InspectionSteps } from '../Steps'
import { YearTable } from '../YearTable'
import { blockerTone } from '../../../lib/status-tone'
import './index.scss'

/** 暂缓年检申请: read and tick the 承诺书, then give the reason and proofs, then submit. */
export default function DeferralPage() {
  const session = useRequiredSession(['member'])
  const { data: overview } = usePageData('inspectionOverview', Boolean(session && !session.user.mustChangePassword))
  const [step, setStep] = useState<'letter' | 'reason'>('letter')
  const [accepted, setAccepted] = useState(false)
  const [reason, setReason] = useState('')
  const [materials, setMaterials] = useState<MaterialLists | null>(null)
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [submitting, setSubmitting] = useState(false)
  useSubscriptionPrompt()

  if (!overview)
    return (
      <View className="deferral page">
        <View className="card">
          <Skeleton rows={6} animated />
        </View>
      </View>
    )
  const proofs = (materials ?? overview.materials).deferral
  const blocked = overview.deferralBlockers[0]

  async function submit() {
    const { data, errors } = validate(SubmitDeferralRequest, { year: overview!.year, commitmentAccepted: accepted, reason })
    if (overview!.uploads.deferral && proofs.length === 0) errors.materials = '请上传暂缓证明材料'
    setFieldErrors(errors)
    if (!data || errors.materials) return
    await askToNotify(['decision'])
    setSubmitting(true)
    try {
      const result = await call('submitDeferral', { body: data })
      void Taro.redirectTo({
        url: `${INSPECTION_PAGES.success}?text=${encodeURIComponent(result.successText)}&notice=${encodeURIComponent(result.notice)}&id=${result.application.id}`,
      })
    } catch (error) {
      if (error instanceof ApiError) setFieldErrors(error.fieldErrors)
      showError(error)
    } finally {
      setSubmitting(false)
    }
  }

  if (blocked) {
    return (
      <View className="deferral page">
        <View className={`card tone-box tone--${blockerTone(overview.application?.status)}`}>
          <Text className="tone-text">{blocked}</Text>
        </View>
      </View>
    )
  }

  if (step === 'letter') {
    return (
      <View className="deferral page">
        <InspectionSteps current="年检申请" />
        <Text className="section-title">承诺书</Text>
        <View className="card deferral__letter">
          <Text className="deferral__letter-text">{COMMITMENT_LETTER}</Text>
          <Checkbox className="deferral__accept" checked={accepted} onChange={setAccepted} label="我已阅读并同意以上承诺" />
        </View>
        <Button id="deferral-confirm" type="primary" block disabled={!accepted} onClick={() => setStep('reason')}>
          确认
        </Button>
        {!accepted ? <Text className="muted deferral__hint">请阅读并勾选承诺书</Text> : null}
      </View>
    )
  }

  return (
    <View className="deferral page">
      <InspectionSteps current="年检申请" />
      <YearTable overview={overview} />
      <Text className="section-title">{overview.year}年度暂缓年检</Text>
      {overview.application?.returnReason ? (
        <View className="card">
          <Text className="deferral__returned">
            {sentBackReasonLabel(overview.application.status)}：{overview.application.returnReason}
          </Text>
        </View>
      ) : null}
      <View className="card deferral__reason-card">
        <Text className="deferral__label">
          <Text className="deferral__required">*</Text>暂缓原因
        </Text>
        <TextArea
          className="deferral__reason"
          value={reason}
          onChange={(value) => {
            setReason(value)
            setFieldErrors(({ reason: _fixed, ...rest }) => rest)
          }}
          maxLength={500}
          showCount
          placeholder="请说明暂缓年检的原因"
        />
        {fieldErrors.reason ? <Text className="error-text">{fieldErrors.reason}</Text> : null}
      </View>
      {overview.uploads.deferral ? (
        <>
          <Text className="section-title">暂缓证明材料 *</Text>
          <Materials
            purpose="deferral"
            materials={materials ?? overview.materials}
            editable
            onChange={(changed) => {
              setMaterials(changed)
              setFieldErrors(({ materials: _fixed, ...rest }) => rest)
            }}
          />
          {fieldErrors.materials ? <Text className="error-text deferral__error">{fieldErrors.materials}</Text> : null}
        </>
      ) : null}
      <View className="deferral__buttons">
        <Button className="deferral__back" fill="outline" onClick={() => setStep('letter')}>
          上一步
        </Button>
        <Button id="deferral-submit" className="deferral__submit" type="primary" loading={submitting} disabled={submitting} onClick={() => void submit()}>
          确定提交
        </Button>
      </View>
    </View>
  )
}
