import { useCallback, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Cell, Empty, Skeleton } from '@nutui/nutui-react-taro'
import { APPROVAL_KINDS, type ApprovalKind } from '@shared/approvals'
import type { InboxItemsResponse } from '@shared/api/schemas'
import { call, showError } from '../../../api/client'
import { APPROVAL_DETAIL_PAGES } from '../../../lib/approval-pages'
import { useRequiredSession } from '../../../lib/use-session'
import './index.scss'
import { formatChinaTime } from '@shared/china-time'

/** One kind of waiting item, oldest first (first come, first served). */
export default function StaffListPage() {
  const session = useRequiredSession(['local_staff', 'cicpa_staff'])
  const { params } = useRouter()
  const kind = APPROVAL_KINDS.find((candidate) => candidate === params.kind) as ApprovalKind | undefined
  const [list, setList] = useState<InboxItemsResponse | null>(null)

  const load = useCallback(async () => {
    if (!session || session.user.mustChangePassword || !kind) return
    try {
      const loaded = await call('inboxItems', { params: { kind } })
      setList(loaded)
      void Taro.setNavigationBarTitle({ title: `待审批 · ${loaded.label}` })
    } catch (error) {
      showError(error)
    } finally {
      Taro.stopPullDownRefresh()
    }
  }, [session, kind])

  useDidShow(() => void load())
  usePullDownRefresh(() => void load())

  function open(id: string) {
    const detail = kind && APPROVAL_DETAIL_PAGES[kind]
    if (detail) void Taro.navigateTo({ url: `${detail}?id=${encodeURIComponent(id)}` })
  }

  if (!list) {
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
