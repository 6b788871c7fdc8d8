import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { NoticeBar } from '@nutui/nutui-react-taro'
import { AdmissionVerifyRequest } from '@shared/api/admission-schemas'
import { ApiError, call } from '../../../api/client'
import { validate } from '../../../lib/validate'
import { CaptchaSubmit, useCaptcha } from '../Captcha'
import { ADMISSION_FORM_PAGE, draft } from '../draft'
import '../admission.scss'

/** 填写验证信息 (seed 000, 1.3): a captcha before the form keeps robots from filing applications. */
export default function AdmissionVerifyPage() {
  const captcha = useCaptcha()
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState('')
  const [submitting, setSubmitting] = useState(false)

  async function verify() {
    setFormError('')
    const { data, errors: found } = validate(AdmissionVerifyRequest, captcha.answer)
    setErrors(found)
    if (!data) return
    setSubmitting(true)
    try {
      const { ticket, expiresInSeconds } = await call('admissionVerify', { body: data })
      draft.ticket = { value: ticket, expiresAt: Date.now() + expiresInSeconds * 1000 }
      // Re-verifying from the form (ticket expired) goes back to it; the typed values are still there.
      const pages = Taro.getCurrentPages()
      if (pages[pages.length - 2]?.route?.includes('admission/form')) void Taro.navigateBack()
      else void Taro.navigateTo({ url: ADMISSION_FORM_PAGE })
    } catch (error) {
      const failure = error instanceof ApiError ? error : new ApiError(500, 'INTERNAL', '系统繁忙，请稍后再试')
      setFormError(failure.message)
      setErrors(failure.fieldErrors)
      void captcha.reload()
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <View className="admission page">
      <NoticeBar content="验证码有失效时间：若获取后较长时间未验证，请先点击验证码图片刷新后重新填写。" wrap />
      <View className="card">
        <Text className="admission__title">验证信息</Text>
        <CaptchaSubmit
          captcha={captcha}
          captchaError={errors.captchaCode}
          formError={formError}
          buttonId="verify-submit"
          action="验证"
          busy={submitting}
          missing={[]}
          onSubmit={() => void verify()}
        />
      </View>
    </View>
  )
}
