import { useCallback, useEffect, useRef, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { Button } from '../../components/Button'
import { call, showError } from '../../api/client'
import { FormField } from '../../components/FormField'

interface CaptchaImage {
  captchaId: string
  image: string
}

/** A single-use image captcha that expires: tap the image for a new one (seed 000, 1.3). */
export function useCaptcha() {
  const [captcha, setCaptcha] = useState<CaptchaImage | null>(null)
  const [code, setCode] = useState('')
  const [expired, setExpired] = useState(false)
  const expiryTimer = useRef<ReturnType<typeof setTimeout>>()

  const reload = useCallback(async () => {
    setCode('')
    setExpired(false)
    try {
      const fresh = await call('captcha')
      setCaptcha({ captchaId: fresh.captchaId, image: fresh.image })
      clearTimeout(expiryTimer.current)
      expiryTimer.current = setTimeout(() => setExpired(true), fresh.expiresInSeconds * 1000)
    } catch (error) {
      showError(error)
    }
  }, [])

  useEffect(() => {
    void reload()
    return () => clearTimeout(expiryTimer.current)
  }, [reload])

  return { captcha, code, setCode, expired, reload, answer: { captchaId: captcha?.captchaId ?? '', captchaCode: code } }
}

export function CaptchaField(props: { state: ReturnType<typeof useCaptcha>; error?: string }) {
  const { state } = props
  return (
    <>
      <FormField
        label="验证码"
        required
        error={props.error ?? (state.expired ? '验证码已过期，请点击图片刷新' : undefined)}
        extra={
          <View className="captcha" onClick={() => void state.reload()}>
            {/* login__captcha-image: the class the browser tests' captcha helper waits for */}
            {state.captcha ? (
              <Image
                className="captcha__image login__captcha-image"
                src={state.captcha.image}
                mode="aspectFit"
                nativeProps={{ alt: '图形验证码，点击换一张' }}
              />
            ) : (
              <Text className="muted">加载中…</Text>
            )}
          </View>
        }
      >
        <Input className="captcha__input" value={state.code} onChange={state.setCode} placeholder="请输入右侧字符" maxLength={8} />
      </FormField>
      <Text className="muted captcha__hint">看不清或已过期？点击图片换一张</Text>
    </>
  )
}

/**
 * The end of a public admission form: the captcha, the form's own error, and the button, disabled
 * while a field is empty (`missing`: a field's label, or false once it is filled; the captcha
 * counts too), with a hint naming them.
 */
export function CaptchaSubmit(props: {
  captcha: ReturnType<typeof useCaptcha>
  captchaError?: string
  formError: string
  buttonId: string
  action: string
  busy: boolean
  missing: readonly (string | false)[]
  onSubmit: () => void
}) {
  const missing = [...props.missing, !props.captcha.code.trim() && '验证码'].filter((label): label is string => Boolean(label))
  return (
    <>
      <CaptchaField state={props.captcha} error={props.captchaError} />
      {props.formError ? (
        <View className="admission__error">
          <Text className="error-text">{props.formError}</Text>
        </View>
      ) : null}
      <View className="admission__actions">
        <Button id={props.buttonId} type="primary" block loading={props.busy} disabled={missing.length > 0 || props.busy} onClick={props.onSubmit}>
          {props.action}
        </Button>
      </View>
      {missing.length ? (
        <Text className="muted admission__hint">
          请填写{missing.join('、')}后{props.action}
        </Text>
      ) : null}
    </>
  )
}
