import { useEffect, useState } from 'react'
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Cell } from '@nutui/nutui-react-taro'
import { call, showError } from '../api/client'
import { askToNotify, useSubscriptionPrompt } from '../lib/subscribe'
import { wechatIdentityAvailable, wechatLoginCode } from '../lib/wechat'
import { askToConfirm } from '../lib/dialog'
import './WechatLogin.scss'

/** 我的 → 微信绑定: bind this WeChat (WeChat login, reset codes by WeChat message) or unbind it. */
export function WechatBindingCell() {
  const [bound, setBound] = useState<boolean | null>(null)
  const [busy, setBusy] = useState(false)
  useSubscriptionPrompt()

  useEffect(() => {
    call('wechatBinding')
      .then((binding) => setBound(binding.bound))
      .catch(showError)
  }, [])

  async function toggle() {
    if (busy || bound === null) return
    setBusy(true)
    try {
      if (bound) {
        const { confirm } = await askToConfirm({
          title: '解除微信绑定',
          content: '解除后将不能使用微信登录，找回密码时也不能通过微信接收验证码。确定解除吗？',
          confirmText: '解除',
          cancelText: '取消',
        })
        if (!confirm) return
        setBound((await call('wechatUnbind')).bound)
        void Taro.showToast({ title: '已解除绑定', icon: 'success' })
        return
      }
      if (!(await wechatIdentityAvailable())) {
        void Taro.showToast({ title: '请在微信小程序中绑定', icon: 'none' })
        return
      }
      // Binding is what lets reset codes, decisions and 年检 reminders reach this WeChat: ask for all three templates now.
      await askToNotify(['code', 'decision', 'reminder'], { binding: true })
      const code = await wechatLoginCode()
      if (!code) return
      setBound((await call('wechatBind', { body: { code } })).bound)
      void Taro.showToast({ title: '绑定成功', icon: 'success' })
    } catch (error) {
      showError(error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Cell
      className="wechat-binding"
      title="微信绑定"
      extra={<Text className={bound ? 'wechat-binding__state' : 'muted'}>{bound === null ? '…' : bound ? '已绑定 · 解除' : '未绑定 · 去绑定'}</Text>}
      clickable
      onClick={() => void toggle()}
    />
  )
}
