import { useEffect, useReducer } from 'react'
import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Step, Steps } from '@nutui/nutui-react-taro'
import { AccountStep } from '../AccountStep'
import { useResendCountdown } from '../countdown'
import { DoneStep } from '../DoneStep'
import { initialResetState, resetReducer, type ResetState } from '../flow'
import { comeBackFromWechat } from '../official-account'
import { PasswordStep } from '../PasswordStep'
import { VerifyStep } from '../VerifyStep'
import './index.scss'

const STEP_NUMBER: Record<ResetState['step'], number> = { account: 1, verify: 2, password: 3, done: 3 }

/**
 * 找回密码 (seed 003): 验证账号 → 验证身份 (bound WeChat, phone on file, or other information) →
 * 重置密码. Reached from the login page's 忘记密码 and, as an H5 page, from the official account's
 * 找回密码 menu.
 */
export default function ResetPage() {
  // A signed-in practising CPA's home links here with its own user type chosen.
  const { params } = useRouter()
  const [state, dispatch] = useReducer(resetReducer, params.userType === 'cpa' ? 'cpa' : 'non_practising', initialResetState)
  // Here rather than in the verify step, so that 重新开始 does not end the server's wait.
  const countdown = useResendCountdown()
  // WeChat's web authorization opens the page afresh, with the verified flow waiting in the tab.
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') void comeBackFromWechat(dispatch)
  }, [])

  return (
    <View className="reset page">
      <View className="card reset__steps">
        <Steps status="dynamic" value={STEP_NUMBER[state.step]}>
          <Step value={1} title="验证账号" />
          <Step value={2} title="验证身份" />
          <Step value={3} title="重置密码" />
        </Steps>
      </View>
      {state.step === 'account' ? <AccountStep state={state} dispatch={dispatch} /> : null}
      {state.step === 'verify' ? <VerifyStep state={state} dispatch={dispatch} countdown={countdown} /> : null}
      {state.step === 'password' ? <PasswordStep state={state} dispatch={dispatch} /> : null}
      {state.step === 'done' ? <DoneStep state={state} /> : null}
    </View>
  )
}
