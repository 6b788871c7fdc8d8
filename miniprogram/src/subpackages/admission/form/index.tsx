import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { NoticeBar } from '@nutui/nutui-react-taro'
import { firstFieldError } from '@shared/validation'
import { Button } from '../../../components/Button'
import { ApiError, call } from '../../../api/client'
import { PrivacyRefusal, usePrivacyConsent } from '../../../components/PrivacyConsent'
import { askApplicantToNotify, useApplicantSubscriptionPrompt } from '../../../lib/subscribe'
import { TOAST_MS } from '../../../lib/toast'
import { ADMISSION_SUCCESS_PAGE, ADMISSION_VERIFY_PAGE, clearDraft, draft, hasLiveTicket, type FormValues } from '../draft'
import { checkForm, crossFieldProblems, type ChoiceField, type DateField } from './fields'
import { PersonSections } from './PersonSections'
import { PhotoSection, usePhotoUpload } from './PhotoSection'
import { FormPickers } from './Pickers'
import { QualificationSection } from './QualificationSection'
import '../admission.scss'
import './index.scss'

/** 填写申请单 (seed 000, 1.4): fields with * are required; checked here and again by the server with the same schema. */
export default function AdmissionFormPage() {
  const [values, setValues] = useState<FormValues>(() => draft.values)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [picking, setPicking] = useState<ChoiceField | DateField | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const [ticketLive, setTicketLive] = useState(hasLiveTicket())
  const resubmitOf = draft.resubmitOf
  // The form asks for ID and phone numbers: the privacy guide is agreed to before anything is typed.
  const privacy = usePrivacyConsent(true)
  useApplicantSubscriptionPrompt()
  const photo = usePhotoUpload({
    expired: () => setTicketLive(false),
    uploaded: (photoKey) => update({ photoKey }),
    failed: (message) => setErrors((previous) => ({ ...previous, photoKey: message })),
  })

  useEffect(() => {
    draft.values = values
  }, [values])
  useEffect(() => {
    if (resubmitOf) void Taro.setNavigationBarTitle({ title: '修改入会申请' })
  }, [resubmitOf])
  // Coming back from re-verification brings a new ticket.
  useDidShow(() => setTicketLive(hasLiveTicket()))

  function update(changes: Partial<FormValues>) {
    setValues((previous) => ({ ...previous, ...changes }))
    setErrors((previous) => {
      const rest = { ...previous }
      for (const field of Object.keys(changes)) delete rest[field]
      return rest
    })
  }

  async function submit() {
    if (!hasLiveTicket() || !draft.ticket) {
      setTicketLive(false)
      return
    }
    const check = checkForm(values, draft.ticket.value, Boolean(resubmitOf))
    setErrors(check.errors)
    if (!check.resubmit && !check.submit) {
      void Taro.showToast({ title: firstFieldError(check.errors), icon: 'none', duration: TOAST_MS.reason })
      return
    }
    setSubmitting(true)
    try {
      // The applicant has no account: the answer and a login code go with the form itself.
      const wechat = await askApplicantToNotify()
      const result =
        resubmitOf && check.resubmit
          ? await call('admissionResubmit', { params: { businessNo: resubmitOf }, body: { ...check.resubmit, wechat } })
          : await call('admissionSubmit', { body: { ...check.submit!, wechat }, headers: { 'idempotency-key': draft.idempotencyKey } })
      clearDraft()
      void Taro.redirectTo({ url: `${ADMISSION_SUCCESS_PAGE}?businessNo=${result.businessNo}${resubmitOf ? '&resubmitted=1' : ''}` })
    } catch (error) {
      const failure = error instanceof ApiError ? error : new ApiError(500, 'INTERNAL', '系统繁忙，请稍后再试')
      setErrors(failure.fieldErrors)
      void Taro.showToast({ title: failure.message, icon: 'none', duration: TOAST_MS.reason })
    } finally {
      setSubmitting(false)
    }
  }

  const locked = !privacy.agreed
  const form = { values, errors, problems: crossFieldProblems(values), update, locked, pick: locked ? () => {} : setPicking }
  const uploading = photo.percent !== null
  return (
    <View className="admission admission-form page">
      {resubmitOf ? (
        <NoticeBar className="admission-form__resubmit" content={`正在修改业务编号 ${resubmitOf} 的申请：请按退回原因修改，并重新输入证件号码后提交。`} wrap />
      ) : null}
      {privacy.refused ? (
        <View className="card">
          <PrivacyRefusal action="填写身份证件号码、手机号码等入会申请信息" />
        </View>
      ) : null}
      {!ticketLive ? (
        <View className="card admission-form__expired">
          <Text className="error-text">验证信息已过期（30分钟有效），请重新验证后提交；已填写的内容会保留。</Text>
          <Button id="reverify" size="small" type="primary" onClick={() => void Taro.navigateTo({ url: ADMISSION_VERIFY_PAGE })}>
            重新验证
          </Button>
        </View>
      ) : null}

      <PersonSections form={form} />
      <QualificationSection form={form} />
      <PhotoSection photoKey={values.photoKey} error={errors.photoKey} upload={photo} disabled={!ticketLive || locked} />

      <Button
        id="application-submit"
        type="primary"
        block
        loading={submitting}
        disabled={submitting || uploading || !ticketLive || locked}
        onClick={() => void submit()}
      >
        {resubmitOf ? '重新提交' : '提交申请'}
      </Button>
      <Text className="muted admission__hint">
        {!ticketLive ? '验证信息已过期，请先重新验证' : uploading ? '照片上传中，请稍候' : '带 * 为必填项，提交前请核对'}
      </Text>

      <FormPickers values={values} picking={picking} update={update} onClose={() => setPicking(null)} />
      {privacy.popup}
    </View>
  )
}
