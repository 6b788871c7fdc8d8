import { Text, View } from '@tarojs/components'
import { Tabs } from '@nutui/nutui-react-taro'
import { CODE_LENGTH, ResetIdentityRequest, ResetVerifyCodeRequest } from '@shared/api/reset-schemas'
import { Button } from '../../components/Button'
import { call } from '../../api/client'
import { validate } from '../../lib/validate'
import { CodePanel } from './CodePanel'
import type { Countdown } from './countdown'
import type { Method } from './flow'
import { IdentityPanel } from './IdentityPanel'
import { FormError, request, type StepProps } from './step'

const METHOD_LABELS: Record<Method, string> = { wechat: '微信验证', sms: '手机号验证', identity: '其他信息验证' }

/** 验证身份: by the bound WeChat, the phone on file, or other information. */
export function VerifyStep({ state, dispatch, countdown }: StepProps<'verify'> & { countdown: Countdown }) {
  const { fields, formError, busy, flow, method } = state
  const { resetId } = flow
  const methods: Method[] = flow.wechatBound ? ['wechat', 'sms', 'identity'] : ['sms', 'identity']
  const missing =
    method === 'identity'
      ? !fields.name.trim() || !fields.idNumber.trim() || !fields.proofValue.trim()
        ? '请填写姓名、证件号码和所选材料'
        : ''
      : fields.code.trim().length !== CODE_LENGTH
        ? `请先获取并填写${CODE_LENGTH}位验证码`
        : ''

  async function verify() {
    if (method === 'identity') {
      const { name, idNumber, proofType, proofValue } = fields
      const { data, errors } = validate(ResetIdentityRequest, { resetId, name, idNumber, proofType, proofValue })
      dispatch({ type: 'invalid', errors })
      if (!data) return
      await request(dispatch, async () => {
        await call('resetVerifyIdentity', { body: data })
        dispatch({ type: 'verified' })
      })
      return
    }
    const { data, errors } = validate(ResetVerifyCodeRequest, { resetId, code: fields.code })
    dispatch({ type: 'invalid', errors })
    if (!data) return
    await request(dispatch, async () => {
      await call('resetVerifyCode', { body: data })
      dispatch({ type: 'verified' })
    })
  }

  return (
    <View className="card">
      <Tabs
        className="reset__methods"
        value={method}
        onChange={(value) => dispatch({ type: 'chooseMethod', method: value as Method })}
        activeType="line"
        duration={0}
      >
        {methods.map((each) => (
          <Tabs.TabPane key={each} value={each} title={METHOD_LABELS[each]} />
        ))}
      </Tabs>
      {method === 'identity' ? (
        <IdentityPanel state={state} dispatch={dispatch} />
      ) : (
        <CodePanel state={state} dispatch={dispatch} channel={method} countdown={countdown} />
      )}
      <FormError message={formError} />
      <Button id="reset-verify" className="reset__submit" type="primary" block loading={busy} disabled={busy || Boolean(missing)} onClick={() => void verify()}>
        下一步
      </Button>
      <Text className="muted reset__hint">{missing}</Text>
      <Text className="link reset__restart" onClick={() => dispatch({ type: 'restart', message: '' })}>
        更换会员编号，重新开始
      </Text>
    </View>
  )
}
