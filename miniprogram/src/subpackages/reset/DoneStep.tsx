import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { type BindingOutcome, OFFICIAL_ACCOUNT_NAME } from '@shared/api/reset-schemas'
import { Button } from '../../components/Button'
import { PAGES } from '../../lib/session'
import type { StepState } from './flow'

type Outcome = Exclude<BindingOutcome, 'none'>

/** What the server did with the WeChat in hand, in the member's words (nothing when there was none). */
const MINI_PROGRAM_TEXT: Record<Outcome, string> = {
  bound: '已绑定当前微信：可使用微信登录，找回密码时可选择微信验证。',
  already_bound: '当前微信此前已绑定本账号，绑定不变。',
  taken: '当前微信已绑定其他会员账号，未绑定到本账号。',
}
const OFFICIAL_ACCOUNT_TEXT: Record<Outcome, string> = {
  bound: `已绑定当前微信（“${OFFICIAL_ACCOUNT_NAME}”公众号）。`,
  already_bound: '当前微信此前已绑定本账号（公众号），绑定不变。',
  taken: '当前微信已绑定其他会员账号（公众号），未绑定到本账号。',
}

/** 密码重置成功, what became of the WeChat in hand, and the official account to follow while none is bound (seed 003). */
export function DoneStep({ state }: { state: StepState<'done'> }) {
  const { username, wechat, officialAccount, followQr } = state.result
  const outcomes = [
    ...(wechat === 'none' ? [] : [{ key: 'mini-program', outcome: wechat, text: MINI_PROGRAM_TEXT[wechat] }]),
    ...(officialAccount === 'none' ? [] : [{ key: 'official-account', outcome: officialAccount, text: OFFICIAL_ACCOUNT_TEXT[officialAccount] }]),
  ]
  return (
    <View className="card reset__done">
      <Text className="reset__done-icon">✓</Text>
      <Text className="reset__done-title">密码重置成功</Text>
      <Text className="reset__done-text">请使用会员编号 {username} 和新密码登录。其他设备上的登录已失效。</Text>
      {outcomes.map(({ key, outcome, text }) => (
        <Text key={key} className={`reset__done-text reset__wechat-${outcome}`}>
          {text}
        </Text>
      ))}
      {followQr ? (
        <View className="reset__follow" data-testid="follow-official-account">
          <Image className="reset__follow-qr" src={followQr} mode="aspectFit" nativeProps={{ alt: '公众号二维码' }} />
          <Text className="reset__follow-title">{OFFICIAL_ACCOUNT_NAME}公众号二维码</Text>
          <Text className="reset__done-text">
            可通过微信搜索公众号“{OFFICIAL_ACCOUNT_NAME}
            ”或者扫描上方二维码关注公众号，通过公众号右下角“找回密码”找回密码，重置成功后会与公众号自动绑定。
          </Text>
          <Text className="muted reset__follow-note">提示“未关注公众号”可忽略，直接使用刚刚更改的密码登录。</Text>
        </View>
      ) : null}
      <Button id="reset-to-login" className="reset__submit" type="primary" block onClick={() => void Taro.reLaunch({ url: PAGES.login })}>
        返回登录
      </Button>
    </View>
  )
}
