import { useEffect, useRef } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Cell, Empty, Skeleton } from '@nutui/nutui-react-taro'
import { APPROVAL_KINDS, type ApprovalKind } from '@shared/approvals'
import { APPROVAL_DETAIL_PAGES } from '../../../lib/approval-pages'
import { useRequiredSession } from '../../../lib/use-session'
import { useInboxList } from '../lib/use-inbox-list'
import './index.scss'
import { formatChinaTime } from '@shared/china-time'

/** One kind of waiting item, oldest first (first come, first served). */
export default function StaffListPage() {
  const session = useRequiredSession(['local_staff', 'cicpa_staff'])
  const { params } = useRouter()
  const kind = APPROVAL_KINDS.find((candidate) => candidate === params.kind) as ApprovalKind | undefined
  const list = useInboxList(kind, { enabled: Boolean(session && !session.user.mustChangePassword) })
  const shown = useRef(false)

  useEffect(() => {
    if (list.label) void Taro.setNavigationBarTitle({ title: `待审批 · ${list.label}` })
  }, [list.label])
  // Back from an item: what was decided there leaves the list.
  useDidShow(() => {
    if (shown.current) void list.refresh()
    shown.current = true
  })
  usePullDownRefresh(() => void list.refresh().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => list.loadMore())

  function open(id: string) {
    const detail = kind && APPROVAL_DETAIL_PAGES[kind]
    if (detail) void Taro.navigateTo({ url: `${detail}?id=${encodeURIComponent(id)}` })
  }

  if (!list.loaded) {
    return (
      <View className="staff-list page">
        <View className="card">
          <Skeleton rows={4} animated />
        </View>
      </View>
    )
  }
  return (
    <View className="staff-list page">
      {list.items.length === 0 ? (
        <Empty image={<View />} title={`暂无待审批的${list.label}`} description="下拉可刷新" />
      ) : (
        <Cell.Group>
          {list.items.map((item) => (
            <Cell
              key={item.id}
              className="staff-list__item"
              title={item.title}
              description={item.subtitle}
              extra={<Text className="muted">{formatChinaTime(item.submittedAt)}</Text>}
              clickable
              onClick={() => open(item.id)}
            />
          ))}
        </Cell.Group>
      )}
    </View>
  )
}
