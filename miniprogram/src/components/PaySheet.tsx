import { useEffect, useRef, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Popup } from '@nutui/nutui-react-taro'
import { formatYuan } from '@shared/fee'
import { Button } from './Button'
import { showError } from '../api/client'
import { INSPECTION_PAGES } from '../lib/inspection-pages'
import { openOrderPaid, openPayOrder, orderPaid, requestWechatPayment, simulateWechatPayment, type PayOrder, type PayPurpose } from '../lib/pay'
import './PaySheet.scss'

const PAYEE = '中国注册会计师协会'

/**
 * The payment of an order opened by `openPayOrder` (lib/pay.ts): WeChat's own payment sheet for a
 * JSAPI order (on local runs, a labelled simulation of it), or the QR code of a Native order, polled
 * until the server has the payment. Coming back to the page also settles the last open order.
 */
export function PaySheet(props: {
  purpose: PayPurpose
  order: PayOrder | null
  /** What is paid for, shown on the payment sheet. */
  subject: string
  onPaid: () => void
  onClose: () => void
}) {
  const { purpose } = props
  // Locally the simulated sheet can switch to the QR code a browser outside WeChat gets.
  const [qrOrder, setQrOrder] = useState<PayOrder | null>(null)
  useEffect(() => setQrOrder(null), [props.order])
  const order = qrOrder ?? props.order
  // The latest callbacks, so a running poll or payment never calls a stale page state.
  const latest = useRef(props)
  latest.current = props
  const [paying, setPaying] = useState(false)

  // Back from WeChat's payment, or on the page again later: a payment whose notification was lost still counts.
  const settleOpenOrder = () =>
    void openOrderPaid(purpose).then((paid) => {
      if (paid) latest.current.onPaid()
    })
  useDidShow(settleOpenOrder)
  useEffect(settleOpenOrder, [])

  // A Native order: the member pays from another device; the server learns it from the notification or its query.
  useEffect(() => {
    if (order?.channel !== 'native') return
    const timer = setInterval(() => {
      orderPaid(purpose, order.outTradeNo)
        .then((paid) => {
          if (!paid) return
          clearInterval(timer)
          latest.current.onPaid()
        })
        .catch(() => {
          // A missed poll is retried on the next tick.
        })
    }, 2000)
    return () => clearInterval(timer)
  }, [order, purpose])

  // A JSAPI order in WeChat: its payment sheet opens at once; what WeChat's client says afterwards is only a hint.
  useEffect(() => {
    if (!order || order.channel === 'native' || order.simulated) return
    void requestWechatPayment(order.payment)
      .then(() => settle(order.outTradeNo))
      .catch(showError)
  }, [order])

  async function settle(outTradeNo: string) {
    if (await orderPaid(purpose, outTradeNo)) return latest.current.onPaid()
    void Taro.showToast({ title: '未完成支付', icon: 'none' })
    latest.current.onClose()
  }

  async function switchToQr() {
    try {
      setQrOrder(await openPayOrder(purpose, { channel: 'native' }))
    } catch (error) {
      showError(error)
    }
  }

  async function confirmSimulated() {
    if (!order || order.channel === 'native') return
    setPaying(true)
    try {
      await simulateWechatPayment(order.payment)
      await settle(order.outTradeNo)
    } catch (error) {
      showError(error)
    } finally {
      setPaying(false)
    }
  }

  if (order?.channel === 'native') {
    return (
      <Popup visible position="bottom" round closeable title="微信扫码支付" onClose={props.onClose}>
        <View className="pay__qr-sheet">
          <Text className="pay__amount">{formatYuan(order.amountFen)}</Text>
          <Image className="pay__qr" src={order.qrImage} mode="aspectFit" nativeProps={{ alt: '支付二维码' }} />
          <Text className="muted">请使用微信扫一扫完成支付，支付后将自动确认</Text>
          <Text className="muted">订单号 {order.outTradeNo}</Text>
          {order.simulated ? (
            <Button
              id="fee-simulate"
              size="small"
              fill="outline"
              onClick={() =>
                void Taro.navigateTo({
                  url: `${INSPECTION_PAGES.paySimulator}?order=${order.outTradeNo}&amount=${order.amountFen}&subject=${encodeURIComponent(props.subject)}`,
                })
              }
            >
              本地环境：模拟扫码支付
            </Button>
          ) : null}
        </View>
      </Popup>
    )
  }

  return (
    <Popup visible={Boolean(order?.simulated)} position="bottom" round closeable title="模拟微信支付（本地）" onClose={props.onClose}>
      {order ? (
        <View className="pay__sim" role="dialog" aria-label="模拟微信支付（本地）">
          <Text className="pay__badge">本地模拟 · 非真实支付 · 代替微信的支付界面</Text>
          <Text className="muted">收款方 {PAYEE}</Text>
          <Text className="pay__subject">{props.subject}</Text>
          <Text className="pay__amount">{formatYuan(order.amountFen)}</Text>
          <Text className="muted">订单号 {order.outTradeNo}</Text>
          <Text className="muted pay__note">确认后先以商户公钥校验 paySign，再发送已签名、加密的支付通知</Text>
          <Button id="pay-sheet-confirm" type="success" block loading={paying} disabled={paying} onClick={() => void confirmSimulated()}>
            确认支付
          </Button>
          <Button id="pay-sheet-qr" size="small" fill="none" onClick={() => void switchToQr()}>
            本地环境：改用扫码支付（微信外浏览器的支付方式）
          </Button>
        </View>
      ) : null}
    </Popup>
  )
}
