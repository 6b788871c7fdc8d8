import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Input } from '@nutui/nutui-react-taro'
import { CODE_LENGTH, ResetSendCodeRequest } from '@shared/api/reset-schemas'
import { Button } from '../../components/Button'
import { call } from '../../api/client'
import { FormField } from '../../components/FormField'
import { TOAST_MS } from '../../lib/toast'
import { validate } from '../../lib/validate'
import type { Countdown } from './countdown'
import { request, type StepProps } from './step'

/** 微信验证 and 手机号验证: a code sent to the bound WeChat or to the phone on file. */
export function CodePanel({ state, dispatch, channel, countdown }: StepProps<'verify'> & { channel: 'wechat' | 'sms'; countdown: Countdown }) {
  const { fields, errors, busy, flow, codeSent } = state

  async function sendCode() {
    const body = channel === 'sms' ? { resetId: flow.resetId, channel, phone: fields.phone } : { resetId: flow.resetId, channel }
    const { data, errors: found } = validate(ResetSendCodeRequest, body)
    dispatch({ type: 'invalid', errors: found })
    if (!data) return
    await request(dispatch, async () => {
      const sent = await call('resetSendCode', { body: data })
      dispatch({ type: 'codeSent' })
      countdown.start(sent.resendAfterSeconds)
      void Taro.showToast({ title: '验证码已发送', icon: 'success', duration: TOAST_MS.short })
    })
  }

  const codeRow = (
    <FormField label="验证码" required error={errors.code}>
      <View className="reset__code-row">
        <Input
          className="reset__code"
          type="digit"
          value={fields.code}
          onChange={(code) => dispatch({ type: 'edit', fields: { code } })}
          placeholder={`${CODE_LENGTH}位验证码`}
          maxLength={CODE_LENGTH}
        />
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

  if (channel === 'wechat') {
    return (
      <View>
        <Text className="reset__note">点击“获取验证码”，验证码将发送到您已绑定的“中国注册会计师协会行业管理信息系统”微信消息中，5分钟内有效。</Text>
        {codeRow}
      </View>
    )
  }
  return (
    <View>
      <Text className="reset__note">
        会员信息中登记的手机号为 <Text className="reset__masked">{flow.phoneMasked}</Text>，请填写完整号码以接收短信验证码。
      </Text>
      <FormField label="手机号码" required error={errors.phone}>
        <Input
          className="reset__phone"
          type="number"
          value={fields.phone}
          onChange={(phone) => dispatch({ type: 'edit', fields: { phone } })}
          placeholder="请输入完整手机号码"
          maxLength={11}
        />
      </FormField>
      {codeRow}
      <Text className="muted reset__tip">手机号已停用或未收到短信？请改用“其他信息验证”。</Text>
    </View>
  )
}
