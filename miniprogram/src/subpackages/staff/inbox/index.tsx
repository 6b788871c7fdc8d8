import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Badge, Cell, Empty, Skeleton } from '@nutui/nutui-react-taro'
import { STAFF_LIST_PAGE } from '../../../lib/approval-pages'
import { PAGES } from '../../../lib/session'
import { usePageData } from '../../../lib/use-page-data'
import { useRequiredSession } from '../../../lib/use-session'
import './index.scss'

/** The staff home: what waits for this user's level, by kind. Pull down to refresh. */
export default function StaffInboxPage() {
  const session = useRequiredSession(['local_staff', 'cicpa_staff'])
  const { data: inbox, failed, reload } = usePageData('inbox', Boolean(session && !session.user.mustChangePassword))

  return (
    <View className="inbox page">
      <View className="card inbox__header">
        <View className="inbox__who">
          <Text className="inbox__scope">{inbox?.scope.name ?? session?.user.association.name ?? ''}</Text>
          <Text className="inbox__user">{session?.user.displayName}</Text>
        </View>
        <View className="inbox__total">
          <Text className="inbox__total-number">{inbox ? inbox.total : '–'}</Text>
          <Text className="inbox__total-label">项待审批</Text>
        </View>
        <Text className="inbox__mine" onClick={() => void Taro.navigateTo({ url: PAGES.mine })}>
          我的
        </Text>
      </View>

      <Text className="section-title">待办分类</Text>
      {inbox ? (
        <Cell.Group>
          {inbox.categories.map((category) => (
            <Cell
              key={category.kind}
              className={`inbox__category inbox__category--${category.kind}`}
              title={category.label}
              extra={category.pending > 0 ? <Badge value={category.pending} max={99} /> : <Text className="muted">0</Text>}
              clickable={category.pending > 0}
              onClick={() => category.pending > 0 && void Taro.navigateTo({ url: `${STAFF_LIST_PAGE}?kind=${category.kind}` })}
            />
          ))}
        </Cell.Group>
      ) : failed ? (
        <Text className="link" onClick={() => void reload()}>
          加载失败，点击重试
        </Text>
      ) : (
        <View className="card">
          <Skeleton rows={5} animated />
        </View>
      )}

      {inbox && inbox.total === 0 ? (
        <Empty
          className="inbox__empty"
          image={<View className="inbox__empty-mark">✓</View>}
          imageSize={60}
          title="暂无待审批事项" description="新的申请提交后会出现在这里，下拉可刷新" />
      ) : null}
    </View>
  )
}
