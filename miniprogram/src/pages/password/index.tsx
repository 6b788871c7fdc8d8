import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Input, NoticeBar } from '@nutui/nutui-react-taro'
import { ChangePasswordRequest } from '@shared/api/schemas'
import { PASSWORD_POLICY_TEXT } from '@shared/password-policy'
import { Button } from '../../components/Button'
import { ApiError, call } from '../../api/client'
import { FormField } from '../../components/FormField'
import { clearSession, homePageFor, PAGES, saveSession } from '../../lib/session'
import { TOAST_MS } from '../../lib/toast'
import { useRequiredSession } from '../../lib/use-session'
import { validate } from '../../lib/validate'
import './index.scss'

export default function ChangePasswordPage() {
  const session = useRequiredSession(['member', 'local_staff', 'cicpa_staff'], { isPasswordChangePage: true })
  const forced = Boolean(session?.user.mustChangePassword)
  const [oldPassword, setOldPassword] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [submitting, setSubmitting] = useState(false)

  const missing = !oldPassword || !newPassword || !confirmation

  async function submit() {
    const { data, errors: found } = validate(ChangePasswordRequest, { oldPassword, newPassword })
    if (!found.newPassword && newPassword !== confirmation) found.confirmation = '两次输入的新密码不一致'
    setErrors(found)
    if (!data || Object.keys(found).length) return
    setSubmitting(true)
    try {
      const updated = saveSession(await call('changePassword', { body: data }))
      await Taro.showToast({ title: '密码已修改', icon: 'success', duration: TOAST_MS.beforeLeaving })
      setTimeout(() => void Taro.reLaunch({ url: homePageFor(updated.user) }), TOAST_MS.beforeLeaving)
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(error.fieldErrors)
        if (!Object.keys(error.fieldErrors).length) void Taro.showToast({ title: error.message, icon: 'none' })
      }
    } finally {
      setSubmitting(false)
    }
  }

  function leave() {
    clearSession()
    void Taro.reLaunch({ url: PAGES.login })
  }

  return (
    <View className="password page">
      {forced ? <NoticeBar className="password__notice" content="为了账号安全，首次登录须先修改初始密码，修改后才能使用其他功能。" wrap /> : null}
      <View className="card">
        <FormField label={forced ? '初始密码' : '原密码'} required error={errors.oldPassword}>
          <Input
            className="password__old"
            type="password"
            value={oldPassword}
            onChange={setOldPassword}
            placeholder={forced ? '请输入初始密码' : '请输入原密码'}
          />
        </FormField>
        <FormField label="新密码" required error={errors.newPassword}>
          <Input className="password__new" type="password" value={newPassword} onChange={setNewPassword} placeholder="请输入新密码" />
        </FormField>
        <FormField label="确认密码" required error={errors.confirmation}>
          <Input className="password__confirm" type="password" value={confirmation} onChange={setConfirmation} placeholder="请再次输入新密码" />
        </FormField>
        <Text className="muted password__policy">{PASSWORD_POLICY_TEXT}。修改后其他设备上的登录将失效。</Text>
        <Button
          id="password-submit"
          className="password__submit"
          type="primary"
          block
          loading={submitting}
          disabled={missing || submitting}
          onClick={() => void submit()}
        >
          确认修改
        </Button>
        {missing ? <Text className="muted password__hint">请填写全部三项后提交</Text> : null}
      </View>
      {forced ? (
        <Text className="link password__leave" onClick={leave}>
          暂不修改，退出登录
        </Text>
      ) : null}
    </View>
  )
}
