import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Empty, Skeleton } from '@nutui/nutui-react-taro'
import { INSPECTION_PAGES } from '../../../lib/inspection-pages'
import { usePageData } from '../../../lib/use-page-data'
import { useRequiredSession } from '../../../lib/use-session'
import './index.scss'
import { formatChinaTime } from '@shared/china-time'

/** 消息列表: newest first; unread ones carry a dot until opened. */
export default function MessagesPage() {
  const session = useRequiredSession(['member'])
  const { data } = usePageData('memberMessages', Boolean(session && !session.user.mustChangePassword))
  if (!data) {
    return (
      <View className="messages page">
        <View className="card">
          <Skeleton rows={4} animated />
        </View>
      </View>
    )
  }
  return (
    <View className="messages page">
      {data.items.length === 0 ? (
        <Empty image={<View />} title="暂无消息" description="审核结果会在这里通知您，下拉可刷新" />
      ) : (
        data.items.map((message) => (
          <View key={message.id} className={`card messages__item ${message.read ? '' : 'messages__item--unread'}`}>
            <View className="messages__head">
              {message.read ? null : <View className="messages__dot" />}
              <Text className="messages__title">{message.title}</Text>
            </View>
            <Text className="muted">
              {message.unit} · {formatChinaTime(message.at)}
            </Text>
            <View className="messages__foot">
              <Text className="link messages__open" onClick={() => void Taro.navigateTo({ url: `${INSPECTION_PAGES.message}?id=${message.id}` })}>
                查看详情 ›
              </Text>
            </View>
          </View>
        ))
      )}
    </View>
  )
}
