import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Input } from '@nutui/nutui-react-taro'
import { MemberLookupRequest } from '@shared/api/admission-schemas'
import { Button } from '../../../components/Button'
import { ApiError, call } from '../../../api/client'
import { FormField } from '../../../components/FormField'
import { PrivacyRefusal, usePrivacyConsent } from '../../../components/PrivacyConsent'
import { PAGES } from '../../../lib/session'
import { validate } from '../../../lib/validate'
import { CaptchaSubmit, useCaptcha } from '../Captcha'
import '../admission.scss'

/** 非执业会员编号查询 (seed 001): the member number only; no other personal details are shown. */
export default function MemberNoLookupPage() {
  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const captcha = useCaptcha()
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState('')
  const [querying, setQuerying] = useState(false)
  const [memberNo, setMemberNo] = useState('')
  const privacy = usePrivacyConsent(true)
  const locked = !privacy.agreed

  async function query() {
    setFormError('')
    setMemberNo('')
    const { data, errors: found } = validate(MemberLookupRequest, { name, idNumber, ...captcha.answer })
    setErrors(found)
    if (!data) return
    setQuerying(true)
    try {
      setMemberNo((await call('memberNoLookup', { body: data })).memberNo)
    } catch (error) {
      const failure = error instanceof ApiError ? error : new ApiError(500, 'INTERNAL', '系统繁忙，请稍后再试')
      setFormError(failure.message)
      setErrors(failure.fieldErrors)
    } finally {
      setQuerying(false)
      void captcha.reload()
    }
  }

  return (
    <View className="admission page">
      <View className="card">
        {privacy.refused ? <PrivacyRefusal action="按证件号码查询会员编号" /> : null}
        <FormField label="姓名" required error={errors.name}>
          <Input className="lookup__name" disabled={locked} value={name} onChange={setName} placeholder="请输入姓名" maxLength={30} />
        </FormField>
        <FormField label="证件号码" required error={errors.idNumber}>
          <Input className="lookup__id-number" disabled={locked} value={idNumber} onChange={setIdNumber} placeholder="入会时填写的证件号码" maxLength={30} />
        </FormField>
        <CaptchaSubmit
          captcha={captcha}
          captchaError={errors.captchaCode}
          formError={formError}
          buttonId="lookup-submit"
          action="查询"
          busy={querying}
          missing={[!name.trim() && '姓名', !idNumber.trim() && '证件号码']}
          onSubmit={() => void query()}
        />
      </View>
      {memberNo ? (
        <View className="card lookup__result">
          <Text className="muted admission__hint">您的非执业会员编号（即登录用户名）</Text>
          <Text className="admission__big-number lookup__member-no">{memberNo}</Text>
          <Button block type="primary" onClick={() => void Taro.reLaunch({ url: PAGES.login })}>
            去登录
          </Button>
        </View>
      ) : null}
      <Text className="muted admission__hint">为保护会员信息安全，本查询只显示会员编号，请谨慎向第三方提供个人信息。</Text>
      {privacy.popup}
    </View>
  )
}
