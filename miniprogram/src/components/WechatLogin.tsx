import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from './Button'
import { ApiError, call } from '../api/client'
import { homePageFor, saveSession } from '../lib/session'
import { showToast, TOAST_MS } from '../lib/toast'
import { wechatIdentityAvailable, wechatLoginCode } from '../lib/wechat'
import './WechatLogin.scss'

/** 微信登录 for members who bound their WeChat; shown only where a WeChat identity can be proven. */
export function WechatLogin() {
  const [available, setAvailable] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  useEffect(() => {
    void wechatIdentityAvailable().then(setAvailable)
  }, [])

  async function login() {
    setError('')
    setBusy(true)
    try {
      const code = await wechatLoginCode()
      if (!code) throw new ApiError(0, 'INTERNAL', '当前环境不支持微信登录，请使用密码登录')
      const session = saveSession(await call('wechatLogin', { body: { code } }))
      await showToast({ title: '登录成功', icon: 'success', duration: TOAST_MS.flash })
      void Taro.reLaunch({ url: homePageFor(session.user) })
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : '微信登录失败，请重试')
    } finally {
      setBusy(false)
    }
  }

  if (!available) return null
  return (
    <View className="wechat-login">
      <Button id="wechat-login" block fill="outline" type="success" loading={busy} disabled={busy} onClick={() => void login()}>
        {process.env.TARO_ENV === 'weapp' ? '微信登录' : '微信登录（本地模拟）'}
      </Button>
      {error ? <Text className="error-text wechat-login__error">{error}</Text> : <Text className="muted wechat-login__error">已绑定微信的会员可直接登录</Text>}
    </View>
  )
}
