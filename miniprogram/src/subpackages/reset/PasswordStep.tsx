import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { ResetPasswordRequest } from '@shared/api/reset-schemas'
import { PASSWORD_POLICY_TEXT } from '@shared/password-policy'
import { call } from '../../api/client'
import { FormField } from '../../components/FormField'
import { validate } from '../../lib/validate'
import { wechatIdentityAvailable, wechatLoginCode } from '../../lib/wechat'
import { FormError, request, type StepProps } from './step'

/** 重置密码: the new password, typed twice. */
export function PasswordStep({ state, dispatch }: StepProps<'password'>) {
  const { fields, errors, formError, busy, flow } = state
  const { newPassword, confirmation } = fields

  async function resetPassword() {
    const { data, errors: found } = validate(ResetPasswordRequest, { resetId: flow.resetId, newPassword })
    if (!found.newPassword && newPassword !== confirmation) found.confirmation = '两次输入的新密码不一致'
    dispatch({ type: 'invalid', errors: found })
    if (!data || Object.keys(found).length) return
    await request(dispatch, async () => {
      // The WeChat used for the reset is bound to the member (seed 003, 2.1.3), where there is one.
      const wechatCode = (await wechatIdentityAvailable()) ? await wechatLoginCode() : null
      const done = await call('resetPassword', { body: { ...data, ...(wechatCode ? { wechatCode } : {}) } })
      dispatch({ type: 'reset', result: { username: done.username, wechat: done.wechat } })
    })
  }

  return (
    <View className="card">
      <FormField label="新密码" required error={errors.newPassword}>
        <Input
          className="reset__new-password"
          type="password"
          value={newPassword}
          onChange={(value) => dispatch({ type: 'edit', fields: { newPassword: value } })}
          placeholder="请输入新的密码"
          maxLength={64}
        />
      </FormField>
      <FormField label="确认密码" required error={errors.confirmation}>
        <Input
          className="reset__confirm"
          type="password"
          value={confirmation}
          onChange={(value) => dispatch({ type: 'edit', fields: { confirmation: value } })}
          placeholder="请再次输入密码"
          maxLength={64}
        />
      </FormField>
      <Text className="muted reset__tip">{PASSWORD_POLICY_TEXT}。重置后所有设备上的登录将失效。</Text>
      <FormError message={formError} />
      <Button
        id="reset-submit"
        className="reset__submit"
        type="primary"
        block
        loading={busy}
        disabled={!newPassword || !confirmation || busy}
        onClick={() => void resetPassword()}
      >
        确认重置
      </Button>
      {!newPassword || !confirmation ? <Text className="muted reset__hint">请输入并确认新密码</Text> : null}
    </View>
  )
}
