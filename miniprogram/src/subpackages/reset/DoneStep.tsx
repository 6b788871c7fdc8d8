import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { PAGES } from '../../lib/session'
import type { StepState } from './flow'

/** 密码重置成功, and whether the WeChat in hand was bound on the way. */
export function DoneStep({ state }: { state: StepState<'done'> }) {
  const { username, wechat } = state.result
  return (
    <View className="card reset__done">
      <Text className="reset__done-icon">✓</Text>
      <Text className="reset__done-title">密码重置成功</Text>
      <Text className="reset__done-text">请使用会员编号 {username} 和新密码登录。其他设备上的登录已失效。</Text>
      {wechat === 'bound' ? (
        <Text className="reset__done-text reset__wechat-bound">已自动绑定当前微信：下次找回密码时验证码将发送到该微信，也可使用微信登录。</Text>
      ) : null}
      {wechat === 'taken' ? <Text className="reset__done-text">当前微信已绑定其他会员账号，未自动绑定。</Text> : null}
      <Button id="reset-to-login" className="reset__submit" type="primary" block onClick={() => void Taro.reLaunch({ url: PAGES.login })}>
        返回登录
      </Button>
    </View>
  )
}
