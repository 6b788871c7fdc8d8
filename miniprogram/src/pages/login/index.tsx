import { useEffect, useRef, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Input, Segmented } from '@nutui/nutui-react-taro'
import { Button } from '../../components/Button'
import { USER_TYPE_LABELS, USER_TYPES, type UserType } from '@shared/roles'
import { ApiError, call } from '../../api/client'
import { FormField } from '../../components/FormField'
import { WechatLogin } from '../../components/WechatLogin'
import { homePageFor, PAGES, readSession, saveSession } from '../../lib/session'
import { showToast, TOAST_MS } from '../../lib/toast'
import './index.scss'

interface Captcha {
  captchaId: string
  image: string
  expiresAt: number
}

const USERNAME_PLACEHOLDER: Record<UserType, string> = {
  non_practising: '请输入非执业会员证书编号',
  cpa: '请输入注册会计师证书编号',
  staff: '请输入工作人员账号',
}

export default function LoginPage() {
  const [userType, setUserType] = useState<UserType>('non_practising')
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [captchaCode, setCaptchaCode] = useState('')
  const [captcha, setCaptcha] = useState<Captcha | null>(null)
  const [captchaExpired, setCaptchaExpired] = useState(false)
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState('')
  const [submitting, setSubmitting] = useState(false)
  const expiryTimer = useRef<ReturnType<typeof setTimeout>>()

  async function loadCaptcha() {
    setCaptchaCode('')
    setCaptchaExpired(false)
    try {
      const fresh = await call('captcha')
      setCaptcha({ ...fresh, expiresAt: Date.now() + fresh.expiresInSeconds * 1000 })
      clearTimeout(expiryTimer.current)
      expiryTimer.current = setTimeout(() => setCaptchaExpired(true), fresh.expiresInSeconds * 1000)
    } catch (error) {
      setFormError(error instanceof ApiError ? error.message : '验证码加载失败，请点击重试')
    }
  }

  useEffect(() => {
    const session = readSession()
    if (session) {
      void Taro.reLaunch({ url: homePageFor(session.user) })
      return
    }
    void loadCaptcha()
    return () => clearTimeout(expiryTimer.current)
  }, [])

  // A number typed for one user type means nothing for another, nor does the last refusal.
  function chooseUserType(type: UserType) {
    setUserType(type)
    setUsername('')
    setFormError('')
    setFieldErrors({})
  }

  const missing = [!username.trim() && '用户名', !password && '密码', !captchaCode.trim() && '验证码'].filter(Boolean)

  async function submit() {
    setFormError('')
    // zod and the schemas are the contract chunk the captcha's request loaded already; a static
    // import would put them before the page's first screen (bench/first-screen.ts).
    const [{ LoginRequest }, { validate }] = await Promise.all([import('@shared/api/schemas'), import('@shared/validation')])
    const { data, errors } = validate(LoginRequest, { userType, username, password, captchaId: captcha?.captchaId ?? '', captchaCode })
    setFieldErrors(errors)
    if (!data) return
    setSubmitting(true)
    try {
      const session = saveSession(await call('login', { body: data }))
      await showToast({ title: '登录成功', icon: 'success', duration: TOAST_MS.flash })
      void Taro.reLaunch({ url: homePageFor(session.user) })
    } catch (error) {
      const failure = error instanceof ApiError ? error : new ApiError(500, 'INTERNAL', '系统繁忙，请稍后再试')
      // A refusal that names a field shows once, beside that field.
      if (Object.keys(failure.fieldErrors).length === 0) setFormError(failure.message)
      setFieldErrors(failure.fieldErrors)
      if (failure.code === 'INVALID_CREDENTIALS' || failure.code === 'ACCOUNT_LOCKED') setPassword('')
      // A captcha is single-use: whatever went wrong, the next try needs a new image.
      void loadCaptcha()
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <View className="login page">
      <View className="login__brand">
        <Text className="login__title">中国注册会计师协会</Text>
        <Text className="login__subtitle">行业管理信息系统 · 会员服务</Text>
      </View>

      <View className="card">
        <View className="login__types">
          <Segmented
            value={userType}
            onChange={(value) => chooseUserType(value as UserType)}
            options={USER_TYPES.map((type) => ({ label: USER_TYPE_LABELS[type], value: type, className: `login__type login__type--${type}` }))}
          />
        </View>

        <FormField label="用户名" required error={fieldErrors.username}>
          <Input className="login__username" value={username} onChange={setUsername} placeholder={USERNAME_PLACEHOLDER[userType]} clearable maxLength={64} />
        </FormField>
        <FormField label="密码" required error={fieldErrors.password}>
          <Input className="login__password" type="password" value={password} onChange={setPassword} placeholder="请输入密码" maxLength={128} />
        </FormField>
        <FormField
          label="验证码"
          required
          error={fieldErrors.captchaCode ?? (captchaExpired ? '验证码已过期，请点击图片刷新' : undefined)}
          extra={
            <View className="login__captcha" onClick={() => void loadCaptcha()}>
              {captcha ? (
                <Image className="login__captcha-image" src={captcha.image} mode="aspectFit" nativeProps={{ alt: '图形验证码，点击换一张' }} />
              ) : (
                <Text className="muted">加载中…</Text>
              )}
            </View>
          }
        >
          <Input className="login__captcha-input" value={captchaCode} onChange={setCaptchaCode} placeholder="请输入右侧字符" maxLength={8} />
        </FormField>
        <Text className="muted login__captcha-hint">看不清？点击图片换一张</Text>

        {formError ? (
          <View className="login__form-error">
            <Text className="error-text">{formError}</Text>
          </View>
        ) : null}

        <Button
          id="login-submit"
          className="login__submit"
          type="primary"
          block
          loading={submitting}
          disabled={missing.length > 0 || submitting}
          onClick={() => void submit()}
        >
          {submitting ? '登录中…' : '登录'}
        </Button>
        {missing.length > 0 ? <Text className="muted login__hint">请填写{missing.join('、')}后登录</Text> : null}
      </View>

      <WechatLogin />
      <View className="login__links">
        <Text className="link login__forgot" onClick={() => void Taro.navigateTo({ url: PAGES.resetPassword })}>
          忘记密码？
        </Text>
        <Text className="link" onClick={() => void Taro.navigateTo({ url: PAGES.admissionNotice })}>
          非执业会员入会申请
        </Text>
        <Text className="link" onClick={() => void Taro.navigateTo({ url: PAGES.admissionProgress })}>
          入会进度查询
        </Text>
        <Text className="link" onClick={() => void Taro.navigateTo({ url: PAGES.memberNoLookup })}>
          会员编号查询
        </Text>
        <Text className="link" onClick={() => void Taro.navigateTo({ url: PAGES.contacts })}>
          各地注协联系方式
        </Text>
      </View>
      <Text className="muted login__footer">非执业会员用户名为会员证书编号。初始密码登录后须立即修改。</Text>
    </View>
  )
}
