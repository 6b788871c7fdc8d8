import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { ResetPasswordRequest } from '@shared/api/reset-schemas'
import { PASSWORD_POLICY_TEXT } from '@shared/password-policy'
import { Button } from '../../components/Button'
import { call } from '../../api/client'
import { FormField } from '../../components/FormField'
import { insideWechatBrowser } from '../../lib/wechat-browser'
import { validate } from '../../lib/validate'
import { wechatLoginCode } from '../../lib/wechat'
import { authorizationReturnUri, awaitAuthorization } from './official-account'
import { FormError, request, type StepProps } from './step'

/**
 * 重置密码: the new password, typed twice. Opened in WeChat's browser (the official account's menu),
 * the step first goes through the official account's web authorization, so the reset can bind that
 * WeChat (seed 003, 2.1.3); snsapi_base is silent, the member only sees the page reload.
 */
export function PasswordStep({ state, dispatch }: StepProps<'password'>) {
  const { fields, errors, formError, busy, flow, officialAccount } = state
  const { newPassword, confirmation } = fields
  const authorizing = insideWechatBrowser() && officialAccount === 'idle'

  useEffect(() => {
    if (!authorizing) return
    void request(dispatch, async () => {
      try {
        const { authorizeUrl } = await call('resetWechatAuthorize', { body: { resetId: flow.resetId, redirectUri: authorizationReturnUri() } })
        awaitAuthorization({ flow, userType: fields.userType, memberNo: fields.memberNo })
        window.location.href = authorizeUrl
      } catch (error) {
        // The reset goes on without binding rather than asking again and again.
        dispatch({ type: 'authorizationFailed' })
        throw error
      }
    })
  }, [authorizing, dispatch, flow, fields.userType, fields.memberNo])

  async function resetPassword() {
    const { data, errors: found } = validate(ResetPasswordRequest, { resetId: flow.resetId, newPassword })
    if (!found.newPassword && newPassword !== confirmation) found.confirmation = '两次输入的新密码不一致'
    dispatch({ type: 'invalid', errors: found })
    if (!data || Object.keys(found).length) return
    await request(dispatch, async () => {
      // In the mini-program its WeChat is bound too; in H5 the official account's identity, if any, is already on the server.
      const wechatCode = process.env.TARO_ENV === 'weapp' ? await wechatLoginCode() : null
      const done = await call('resetPassword', { body: { ...data, ...(wechatCode ? { wechatCode } : {}) } })
      dispatch({ type: 'reset', result: done })
    })
  }

  if (authorizing) {
    return (
      <View className="card">
        <Text className="muted reset__authorizing">正在获取微信授权，以便重置后绑定当前微信…</Text>
        <FormError message={formError} />
      </View>
    )
  }

  return (
    <View className="card">
      {officialAccount === 'authorized' ? (
        <Text className="muted reset__tip">已取得当前微信的授权：该微信未绑定其他会员账号时，重置成功后绑定到本账号。</Text>
      ) : null}
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
