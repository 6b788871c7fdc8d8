import { useEffect, useRef } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Popup } from '@nutui/nutui-react-taro'
import type { RouteResponse } from '@shared/api/contract'
import { formatYuan } from '@shared/fee'
import { INSPECTION_PAGES } from '../lib/inspection-pages'
import './QrPaySheet.scss'

export type PayOrder = RouteResponse<'createFeeOrder'>

/**
 * WeChat Pay Native (扫码支付): shows the order's QR code and polls until the server has the
 * payment notification. Locally the simulated payer page stands in for the WeChat app.
 */
export function QrPaySheet(props: {
  order: PayOrder | null
  /** Payee and what is paid for, shown on the simulated payer page. */
  subject: string
  isPaid: (outTradeNo: string) => Promise<boolean>
  onPaid: () => void
  onClose: () => void
}) {
  const { order } = props
  // The latest callbacks, so the running poll never calls a stale page state.
  const latest = useRef(props)
  latest.current = props

  useEffect(() => {
    if (!order) return
    const timer = setInterval(() => {
      latest.current
        .isPaid(order.outTradeNo)
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
  }, [order])

  return (
    <Popup visible={order !== null} position="bottom" round closeable title="微信扫码支付" onClose={props.onClose}>
      {order ? (
        <View className="fee__qr-sheet">
          <Text className="fee__qr-amount">{formatYuan(order.amountFen)}</Text>
          <Image className="fee__qr" src={order.qrImage} mode="aspectFit" />
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
      ) : null}
    </Popup>
  )
}
