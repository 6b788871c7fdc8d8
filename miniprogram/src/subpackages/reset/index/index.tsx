import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, Radio, Step, Steps, Tabs } from '@nutui/nutui-react-taro'
import {
  PROOF_LABELS,
  ResetIdentityRequest,
  ResetPasswordRequest,
  ResetSendCodeRequest,
  ResetStartRequest,
  ResetVerifyCodeRequest,
  RESET_USER_TYPES,
  type ProofType,
  type ResetStartResponse,
} from '@shared/api/reset-schemas'
import { PASSWORD_POLICY_TEXT } from '@shared/password-policy'
import { USER_TYPE_LABELS } from '@shared/roles'
import { ApiError, call } from '../../../api/client'
import { FormField } from '../../../components/FormField'
import { PAGES } from '../../../lib/session'
import { validate } from '../../../lib/validate'
import { wechatIdentityAvailable, wechatLoginCode } from '../../../lib/wechat'
import './index.scss'

type Method = 'wechat' | 'sms' | 'identity'
type UserType = (typeof RESET_USER_TYPES)[number]

const METHOD_LABELS: Record<Method, string> = { wechat: '微信验证', sms: '手机号验证', identity: '其他信息验证' }

/** 获取验证码 with the 60-second wait the server enforces, counted down on the button. */
function useResendCountdown() {
  const [secondsLeft, setSecondsLeft] = useState(0)
  useEffect(() => {
    if (secondsLeft <= 0) return
    const timer = setTimeout(() => setSecondsLeft((left) => left - 1), 1000)
    return () => clearTimeout(timer)
  }, [secondsLeft])
  return { secondsLeft, start: (seconds: number) => setSecondsLeft(seconds) }
}

function failureOf(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(500, 'INTERNAL', '系统繁忙，请稍后再试')
}

/**
 * 找回密码 (seed 003): 验证账号 → 验证身份 (bound WeChat, phone on file, or other information) →
 * 重置密码. Reached from the login page's 忘记密码 and, as an H5 page, from the official account's
 * 找回密码 menu.
 */
export default function ResetPage() {
  const [step, setStep] = useState(0)
  // A signed-in practising CPA's home links here with its own user type chosen.
  const { params } = useRouter()
  const [userType, setUserType] = useState<UserType>(params.userType === 'cpa' ? 'cpa' : 'non_practising')
  const [memberNo, setMemberNo] = useState('')
  const [flow, setFlow] = useState<ResetStartResponse | null>(null)
  const [method, setMethod] = useState<Method>('sms')
  const [phone, setPhone] = useState('')
  const [code, setCode] = useState('')
  const [codeSent, setCodeSent] = useState(false)
  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [proofType, setProofType] = useState<ProofType>('email')
  const [proofValue, setProofValue] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const [result, setResult] = useState<{ username: string; wechat: 'bound' | 'taken' | 'none' } | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState('')
  const [busy, setBusy] = useState(false)
  const countdown = useResendCountdown()

  function restart(message: string) {
    setStep(0)
    setFlow(null)
    setCode('')
    setCodeSent(false)
    setFormError(message)
  }

  /** Runs one request; shows its field errors under the fields and anything else above the button. */
  async function run(action: () => Promise<void>) {
    setFormError('')
    setBusy(true)
    try {
      await action()
    } catch (error) {
      const failure = failureOf(error)
      if (failure.fieldErrors.resetId) restart(failure.message)
      else {
        setErrors(failure.fieldErrors)
        if (!Object.keys(failure.fieldErrors).length) setFormError(failure.message)
      }
    } finally {
      setBusy(false)
    }
  }

  function chooseMethod(next: Method) {
    setMethod(next)
    setCode('')
    setCodeSent(false)
    setErrors({})
    setFormError('')
  }

  async function startFlow() {
    const { data, errors: found } = validate(ResetStartRequest, { userType, memberNo })
    setErrors(found)
    if (!data) return
    await run(async () => {
      const started = await call('resetStart', { body: data })
      setFlow(started)
      setProofType(started.proofTypes[0]!)
      chooseMethod(started.wechatBound ? 'wechat' : 'sms')
      setStep(1)
    })
  }

  async function sendCode() {
    if (!flow || method === 'identity') return
    const body = method === 'sms' ? { resetId: flow.resetId, channel: 'sms' as const, phone } : { resetId: flow.resetId, channel: 'wechat' as const }
    const { data, errors: found } = validate(ResetSendCodeRequest, body)
    setErrors(found)
    if (!data) return
    await run(async () => {
      const sent = await call('resetSendCode', { body: data })
      setCodeSent(true)
      countdown.start(sent.resendAfterSeconds)
      void Taro.showToast({ title: '验证码已发送', icon: 'success', duration: 1500 })
    })
  }

  async function verify() {
    if (!flow) return
    if (method === 'identity') {
      const { data, errors: found } = validate(ResetIdentityRequest, { resetId: flow.resetId, name, idNumber, proofType, proofValue })
      setErrors(found)
      if (!data) return
      await run(async () => {
        await call('resetVerifyIdentity', { body: data })
        setErrors({})
        setStep(2)
      })
      return
    }
    const { data, errors: found } = validate(ResetVerifyCodeRequest, { resetId: flow.resetId, code })
    setErrors(found)
    if (!data) return
    await run(async () => {
      await call('resetVerifyCode', { body: data })
      setErrors({})
      setStep(2)
    })
  }

  async function resetPassword() {
    if (!flow) return
    const { data, errors: found } = validate(ResetPasswordRequest, { resetId: flow.resetId, newPassword })
    if (!found.newPassword && newPassword !== confirmation) found.confirmation = '两次输入的新密码不一致'
    setErrors(found)
    if (!data || Object.keys(found).length) return
    await run(async () => {
      // The WeChat used for the reset is bound to the member (seed 003, 2.1.3), where there is one.
      const wechatCode = (await wechatIdentityAvailable()) ? await wechatLoginCode() : null
      const done = await call('resetPassword', { body: { ...data, ...(wechatCode ? { wechatCode } : {}) } })
      setResult({ username: done.username, wechat: done.wechat })
      setStep(3)
    })
  }

  const methods: Method[] = flow?.wechatBound ? ['wechat', 'sms', 'identity'] : ['sms', 'identity']
  const proofTypes = flow?.proofTypes ?? []

  const codeRow = (
    <FormField label="验证码" required error={errors.code}>
      <View className="reset__code-row">
        <Input className="reset__code" type="digit" value={code} onChange={setCode} placeholder="6位验证码" maxLength={6} />
        <Button
          id="reset-send-code"
          className="reset__send"
          size="small"
          type="primary"
          fill="outline"
          disabled={busy || countdown.secondsLeft > 0}
          onClick={() => void sendCode()}
        >
          {countdown.secondsLeft > 0 ? `${countdown.secondsLeft}秒后重发` : codeSent ? '重新获取' : '获取验证码'}
        </Button>
      </View>
    </FormField>
  )

  function verifyPanel(current: Method) {
    if (current === 'wechat') {
      return (
        <View>
          <Text className="reset__note">点击“获取验证码”，验证码将发送到您已绑定的“中国注册会计师协会行业管理信息系统”微信消息中，5分钟内有效。</Text>
          {codeRow}
        </View>
      )
    }
    if (current === 'sms') {
      return (
        <View>
          <Text className="reset__note">
            会员信息中登记的手机号为 <Text className="reset__masked">{flow?.phoneMasked}</Text>，请填写完整号码以接收短信验证码。
          </Text>
          <FormField label="手机号码" required error={errors.phone}>
            <Input className="reset__phone" type="number" value={phone} onChange={setPhone} placeholder="请输入完整手机号码" maxLength={11} />
          </FormField>
          {codeRow}
          <Text className="muted reset__tip">手机号已停用或未收到短信？请改用“其他信息验证”。</Text>
        </View>
      )
    }
    return (
      <View>
        <Text className="reset__note">请填写会员登记的姓名、完整证件号码，并任选一项辅助证明材料。</Text>
        <FormField label="姓名" required error={errors.name}>
          <Input className="reset__name" value={name} onChange={setName} placeholder="请输入姓名" maxLength={50} />
        </FormField>
        <FormField label="证件号码" required error={errors.idNumber}>
          <Input className="reset__id-number" value={idNumber} onChange={setIdNumber} placeholder="请输入完整证件号码" maxLength={30} />
        </FormField>
        <View className="reset__proof-block">
          <Text className="reset__proof-title">
            <Text className="reset__required">*</Text>辅助证明材料（任选一项）
          </Text>
          <Radio.Group className="reset__proof-types" value={proofType} onChange={(value) => setProofType(value as ProofType)} direction="horizontal">
            {proofTypes.map((type) => (
              <Radio key={type} value={type} shape="button" className={`reset__proof reset__proof--${type}`}>
                {PROOF_LABELS[type]}
              </Radio>
            ))}
          </Radio.Group>
          {errors.proofType ? <Text className="error-text">{errors.proofType}</Text> : null}
        </View>
        <FormField label={PROOF_LABELS[proofType]} required error={errors.proofValue}>
          <Input className="reset__proof-value" value={proofValue} onChange={setProofValue} placeholder={`请输入${PROOF_LABELS[proofType]}`} maxLength={100} />
        </FormField>
      </View>
    )
  }

  return (
    <View className="reset page">
      <View className="card reset__steps">
        <Steps status="dynamic" value={Math.min(step, 2) + 1}>
          <Step value={1} title="验证账号" />
          <Step value={2} title="验证身份" />
          <Step value={3} title="重置密码" />
        </Steps>
      </View>

      {step === 0 ? (
        <View className="card">
          <FormField label="用户类型" required error={errors.userType}>
            <Radio.Group className="reset__types" value={userType} onChange={(value) => setUserType(value as UserType)} direction="horizontal">
              {RESET_USER_TYPES.map((type) => (
                <Radio key={type} value={type} shape="button" className={`reset__type reset__type--${type}`}>
                  {USER_TYPE_LABELS[type]}
                </Radio>
              ))}
            </Radio.Group>
          </FormField>
          <FormField label="会员编号" required error={errors.memberNo}>
            <Input className="reset__member-no" value={memberNo} onChange={setMemberNo} placeholder="请输入您要找回密码的会员编号" maxLength={20} clearable />
          </FormField>
          <Text className="muted reset__tip">在行业管理信息系统中，账号即为会员编号。</Text>
          {formError ? <Text className="error-text reset__form-error">{formError}</Text> : null}
          <Button id="reset-next" className="reset__submit" type="primary" block loading={busy} disabled={!memberNo.trim() || busy} onClick={() => void startFlow()}>
            下一步
          </Button>
          {!memberNo.trim() ? <Text className="muted reset__hint">请填写会员编号后继续</Text> : null}
        </View>
      ) : null}

      {step === 1 && flow ? (
        <View className="card">
          <Tabs className="reset__methods" value={method} onChange={(value) => chooseMethod(value as Method)} activeType="line" duration={0}>
            {methods.map((each) => (
              <Tabs.TabPane key={each} value={each} title={METHOD_LABELS[each]} />
            ))}
          </Tabs>
          {verifyPanel(method)}
          {formError ? <Text className="error-text reset__form-error">{formError}</Text> : null}
          <Button
            id="reset-verify"
            className="reset__submit"
            type="primary"
            block
            loading={busy}
            disabled={busy || (method === 'identity' ? !name.trim() || !idNumber.trim() || !proofValue.trim() : code.trim().length !== 6)}
            onClick={() => void verify()}
          >
            下一步
          </Button>
          <Text className="muted reset__hint">
            {method === 'identity'
              ? !name.trim() || !idNumber.trim() || !proofValue.trim()
                ? '请填写姓名、证件号码和所选材料'
                : ''
              : code.trim().length !== 6
                ? '请先获取并填写6位验证码'
                : ''}
          </Text>
          <Text className="link reset__restart" onClick={() => restart('')}>
            更换会员编号，重新开始
          </Text>
        </View>
      ) : null}

      {step === 2 ? (
        <View className="card">
          <FormField label="新密码" required error={errors.newPassword}>
            <Input className="reset__new-password" type="password" value={newPassword} onChange={setNewPassword} placeholder="请输入新的密码" maxLength={64} />
          </FormField>
          <FormField label="确认密码" required error={errors.confirmation}>
            <Input className="reset__confirm" type="password" value={confirmation} onChange={setConfirmation} placeholder="请再次输入密码" maxLength={64} />
          </FormField>
          <Text className="muted reset__tip">{PASSWORD_POLICY_TEXT}。重置后所有设备上的登录将失效。</Text>
          {formError ? <Text className="error-text reset__form-error">{formError}</Text> : null}
          <Button id="reset-submit" className="reset__submit" type="primary" block loading={busy} disabled={!newPassword || !confirmation || busy} onClick={() => void resetPassword()}>
            确认重置
          </Button>
          {!newPassword || !confirmation ? <Text className="muted reset__hint">请输入并确认新密码</Text> : null}
        </View>
      ) : null}

      {step === 3 && result ? (
        <View className="card reset__done">
          <Text className="reset__done-icon">✓</Text>
          <Text className="reset__done-title">密码重置成功</Text>
          <Text className="reset__done-text">请使用会员编号 {result.username} 和新密码登录。其他设备上的登录已失效。</Text>
          {result.wechat === 'bound' ? (
            <Text className="reset__done-text reset__wechat-bound">已自动绑定当前微信：下次找回密码时验证码将发送到该微信，也可使用微信登录。</Text>
          ) : null}
          {result.wechat === 'taken' ? <Text className="reset__done-text">当前微信已绑定其他会员账号，未自动绑定。</Text> : null}
          <Button id="reset-to-login" className="reset__submit" type="primary" block onClick={() => void Taro.reLaunch({ url: PAGES.login })}>
            返回登录
          </Button>
        </View>
      ) : null}
    </View>
  )
}
