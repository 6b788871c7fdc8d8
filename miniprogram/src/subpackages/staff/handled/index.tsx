import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Empty, Menu, MenuItem, Skeleton } from '@nutui/nutui-react-taro'
import { APPROVAL_KIND_LABELS, APPROVAL_KINDS, approvalKindsFor, type ApprovalKind } from '@shared/approvals'
import type { HandledItem } from '@shared/api/workbench-schemas'
import { formatChinaTime } from '@shared/china-time'
import { HANDLED_DECISION_LABELS, HANDLED_DECISIONS, type HandledDecision } from '@shared/workbench'
import { inspectionYearAt } from '@shared/calendar'
import { call } from '../../../api/client'
import { APPROVAL_DETAIL_PAGES } from '../../../lib/approval-pages'
import { useRequiredSession } from '../../../lib/use-session'
import { ListFooter, recentYears, rowMeta, StaffSearch } from '../lib/list-parts'
import { useCursorList } from '../lib/use-cursor-list'
import { useDesk } from '../lib/use-desk'
import { queryOf } from '../lib/use-inbox-list'
import { type HandledFilter, HandledDesk } from './HandledDesk'
import { StatusTag } from '../../../components/StatusTag'
import './index.scss'

const ALL = 'all'

/**
 * 已办: what this level decided, by year (the item's 年检年度 or year), decision and kind, searchable
 * like the pending lists. Each row opens the item's own page, which shows its trail; at a desk the
 * list is a table with the chosen item beside it.
 */
export default function StaffHandledPage() {
  const session = useRequiredSession(['local_staff', 'cicpa_staff'])
  const { params } = useRouter()
  const role = session?.user.role === 'cicpa_staff' ? 'cicpa_staff' : 'local_staff'
  const kinds = approvalKindsFor(role)
  // 年检 is most of the work, so its year comes first; a list opened from a kind starts on that kind.
  const [filter, setFilter] = useState<HandledFilter>(() => ({
    year: inspectionYearAt(new Date()),
    kind: APPROVAL_KINDS.find((candidate) => candidate === params.kind),
  }))
  const enabled = Boolean(session && !session.user.mustChangePassword)

  const read = useMemo(() => (enabled ? (cursor: string | undefined) => call('handled', { query: queryOf({ ...filter, cursor }) }) : null), [enabled, filter])
  const list = useCursorList<HandledItem>(read)
  usePullDownRefresh(() => void list.refresh().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => list.loadMore())
  const desk = useDesk()

  const yearOptions = recentYears().map((year) => ({ text: `${year}年度`, value: String(year) }))
  const decisionOptions = [
    { text: '全部结果', value: ALL },
    ...HANDLED_DECISIONS.map((decision) => ({ text: HANDLED_DECISION_LABELS[decision], value: decision })),
  ]
  const kindOptions = [{ text: '全部事项', value: ALL }, ...kinds.map((kind) => ({ text: APPROVAL_KIND_LABELS[kind], value: kind }))]
  const narrowed = Boolean(filter.kind || filter.decision || filter.q)

  function open(item: HandledItem) {
    const detail = APPROVAL_DETAIL_PAGES[item.kind]
    if (detail) void Taro.navigateTo({ url: `${detail}?id=${encodeURIComponent(item.id)}` })
  }

  if (desk && session) return <HandledDesk list={list} filter={filter} setFilter={setFilter} kinds={kinds} user={session.user} />
  return (
    <View className="handled page">
      <StaffSearch className="handled__search" value={filter.q} onSearch={(q) => setFilter({ ...filter, q })} />
      <Menu className="handled__filters">
        <MenuItem
          className="handled__year"
          options={yearOptions}
          value={String(filter.year)}
          onChange={(option: { value: string }) => setFilter({ ...filter, year: Number(option.value) })}
        />
        <MenuItem
          className="handled__decision"
          options={decisionOptions}
          value={filter.decision ?? ALL}
          onChange={(option: { value: string }) => setFilter({ ...filter, decision: option.value === ALL ? undefined : (option.value as HandledDecision) })}
        />
        <MenuItem
          className="handled__kind"
          options={kindOptions}
          value={filter.kind ?? ALL}
          onChange={(option: { value: string }) => setFilter({ ...filter, kind: option.value === ALL ? undefined : (option.value as ApprovalKind) })}
        />
      </Menu>

      {!list.loaded ? (
        <View className="card">
          {list.failed ? (
            <Text className="link" onClick={() => void list.refresh()}>
              加载失败，点击重试
            </Text>
          ) : (
            <Skeleton rows={4} animated />
          )}
        </View>
      ) : list.items.length === 0 ? (
        <Empty
          className="handled__empty"
          image={<View className="handled__empty-mark">—</View>}
          imageSize={60}
          title={narrowed ? '没有符合条件的已办事项' : `${filter.year}年度暂无已办事项`}
          description={narrowed ? '请换个搜索内容或放宽筛选条件' : '本级通过、退回或不通过的事项会出现在这里；可切换年度查看'}
        />
      ) : (
        <View className="handled__items">
          {list.items.map((item) => (
            <View key={`${item.kind}#${item.id}#${item.decidedAt}`} className="handled__item" onClick={() => open(item)}>
              <View className="handled__line">
                <Text className="handled__name">{item.title}</Text>
                <StatusTag state={item.decision}>{HANDLED_DECISION_LABELS[item.decision]}</StatusTag>
              </View>
              <Text className="handled__meta">
                {item.subtitle.includes(APPROVAL_KIND_LABELS[item.kind]) ? rowMeta(item) : `${APPROVAL_KIND_LABELS[item.kind]} · ${rowMeta(item)}`}
              </Text>
              <Text className="handled__meta">
                {item.decidedBy} · {formatChinaTime(item.decidedAt)}
              </Text>
              {item.opinion ? <Text className="handled__opinion">{item.opinion}</Text> : null}
            </View>
          ))}
          <ListFooter loading={list.loading === 'more'} failed={list.failed} end={list.end} onMore={list.loadMore} />
        </View>
      )}
    </View>
  )
}
