import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '../../../components/Button'
import { INSPECTION_PAGES } from '../../../lib/inspection-pages'
import { PAGES } from '../../../lib/session'
import { useRequiredSession } from '../../../lib/use-session'
import { InspectionSteps } from '../Steps'
import './index.scss'

/** After submitting: the fixed success sentence, then the member's association's own notice. */
export default function InspectionSuccessPage() {
  useRequiredSession(['member'])
  const { params } = useRouter()
  const text = decodeURIComponent(params.text ?? '')
  const notice = decodeURIComponent(params.notice ?? '')
  return (
    <View className="success page">
      <InspectionSteps current="完成" />
      <View className="card success__card">
        <View className="success__mark">✓</View>
        <Text className="success__text">{text}</Text>
        {notice ? <Text className="success__notice">{notice}</Text> : null}
      </View>
      <Button id="success-home" type="primary" block onClick={() => void Taro.reLaunch({ url: PAGES.memberHome })}>
        返回首页
      </Button>
      {params.id ? (
        <Button
          id="success-detail"
          className="success__detail"
          block
          fill="outline"
          onClick={() => void Taro.redirectTo({ url: `${INSPECTION_PAGES.detail}?id=${params.id}` })}
        >
          查看申请信息
        </Button>
      ) : null}
    </View>
  )
}
