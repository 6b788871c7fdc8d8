import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { formatYuan } from '@shared/fee'
import { Button } from '../../../components/Button'
import { showError } from '../../../api/client'
import { simulateNativePayment } from '../../../lib/pay'
import './index.scss'

/**
 * Local runs only: stands in for the WeChat app that scanned the QR code. Paying fetches a
 * notification signed like WeChat Pay's and posts it to the real callback route, which verifies it.
 */
export default function PaySimulatorPage() {
  const { params } = useRouter()
  const subject = decodeURIComponent(params.subject ?? '中国注册会计师协会 会费')
  const [state, setState] = useState<'ready' | 'paying' | 'paid' | 'failed'>('ready')

  async function pay() {
    if (!params.order) return
    setState('paying')
    try {
      await simulateNativePayment(params.order)
      setState('paid')
      setTimeout(() => void Taro.navigateBack(), 800)
    } catch (error) {
      setState('failed')
      showError(error)
    }
  }

  return (
    <View className="pay-sim page">
      <View className="card pay-sim__card">
        <Text className="pay-sim__badge">本地模拟 · 非真实支付</Text>
        <Text className="pay-sim__title">{subject}</Text>
        <Text className="pay-sim__amount">{formatYuan(Number(params.amount ?? 0))}</Text>
        <Text className="muted">订单号 {params.order}</Text>
        {state === 'paid' ? <Text className="pay-sim__done">支付成功</Text> : null}
      </View>
      <Button
        id="pay-sim-confirm"
        type="success"
        block
        loading={state === 'paying'}
        disabled={state === 'paying' || state === 'paid'}
        onClick={() => void pay()}
      >
        确认支付
      </Button>
    </View>
  )
}
