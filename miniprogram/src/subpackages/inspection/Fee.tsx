import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Popup, TextArea } from '@nutui/nutui-react-taro'
import { OfflineFeeRequest } from '@shared/api/inspection-schemas'
import { formatYuan, type FeeStatus } from '@shared/fee'
import { Button } from '../../components/Button'
import { ApiError, call, showError } from '../../api/client'
import { PaySheet } from '../../components/PaySheet'
import { awaitedPayment, openPayOrder, type PayOrder } from '../../lib/pay'
import { validate } from '../../lib/validate'
import './Fee.scss'

/**
 * 缴费情况 actions: 去支付 pays with WeChat Pay (lib/pay.ts) and waits until the payment is confirmed;
 * a member who paid another way declares it (待确认 until the association confirms).
 */
export function FeeActions(props: { status: FeeStatus; amountFen: number; rejectReason: string | null; onChanged: () => void }) {
  const [order, setOrder] = useState<PayOrder | null>(null)
  const [declaring, setDeclaring] = useState(false)
  const [note, setNote] = useState('')
  const [noteError, setNoteError] = useState('')
  const [busy, setBusy] = useState(false)

  async function pay() {
    setBusy(true)
    try {
      setOrder(await openPayOrder('membership_fee'))
    } catch (error) {
      showError(error)
    } finally {
      setBusy(false)
    }
  }

  // Back from WeChat's web authorization that 去支付 needed: the payment goes on by itself.
  useEffect(() => {
    if (props.status === '去支付' && awaitedPayment('membership_fee')) void pay()
  }, [props.status])

  function paid() {
    setOrder(null)
    void Taro.showToast({ title: '支付成功，会费已确认', icon: 'none' })
    props.onChanged()
  }

  async function declare() {
    const { data, errors } = validate(OfflineFeeRequest, { note })
    setNoteError(errors.note ?? '')
    if (!data) return
    setBusy(true)
    try {
      await call('declareOfflineFee', { body: data })
      setDeclaring(false)
      void Taro.showToast({ title: '已提交，待所属注协确认', icon: 'none' })
      props.onChanged()
    } catch (error) {
      if (error instanceof ApiError) setNoteError(error.fieldErrors.note ?? error.message)
      else showError(error)
    } finally {
      setBusy(false)
    }
  }

  if (props.status !== '去支付') return null
  return (
    <View className="card fee">
      <Text className="fee__amount">应缴会费 {formatYuan(props.amountFen)}</Text>
      {props.rejectReason ? <Text className="fee__rejected">线下缴费未获确认：{props.rejectReason}</Text> : null}
      <View className="fee__buttons">
        <Button id="fee-pay" className="fee__pay" type="primary" loading={busy && !declaring} onClick={() => void pay()}>
          去支付
        </Button>
        <Button id="fee-offline" className="fee__offline" fill="outline" onClick={() => setDeclaring(true)}>
          已线下缴费
        </Button>
      </View>

      <PaySheet purpose="membership_fee" order={order} subject="中国注册会计师协会 会费" onPaid={paid} onClose={() => setOrder(null)} />

      <Popup visible={declaring} position="bottom" round closeable title="申报线下缴费" onClose={() => setDeclaring(false)}>
        <View className="fee__declare">
          <Text className="muted">请说明缴费方式、日期及流水号，所属注协确认后缴费情况变为“已确认”。</Text>
          <TextArea
            className="fee__note"
            value={note}
            onChange={(value) => {
              setNote(value)
              setNoteError('')
            }}
            maxLength={200}
            showCount
            placeholder="例如：2026-11-20 工商银行转账，流水号……"
          />
          {noteError ? <Text className="error-text">{noteError}</Text> : null}
          <Button id="fee-declare" type="primary" block loading={busy} disabled={busy} onClick={() => void declare()}>
            提交申报
          </Button>
        </View>
      </Popup>
    </View>
  )
}
