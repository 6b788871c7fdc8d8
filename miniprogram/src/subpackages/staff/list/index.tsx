import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Calendar, Checkbox, Empty, Menu, MenuItem, Popup, Skeleton } from '@nutui/nutui-react-taro'
import dayjs from 'dayjs'
import { APPROVAL_KINDS, type ApprovalKind } from '@shared/approvals'
import type { BatchPassResponse, InboxFilter, InboxItem } from '@shared/api/workbench-schemas'
import { chinaDate, formatChinaDate } from '@shared/china-time'
import { MAX_BATCH_PASS, PENDING_STATE_LABELS, PENDING_STATES, type InboxOrder, type PendingState } from '@shared/workbench'
import { Button } from '../../../components/Button'
import { APPROVAL_DETAIL_PAGES, STAFF_HANDLED_PAGE } from '../../../lib/approval-pages'
import { useRequiredSession } from '../../../lib/use-session'
import { ListFooter, recentYears, rowMeta, StaffSearch } from '../lib/list-parts'
import { useDesk } from '../lib/use-desk'
import { useInboxList } from '../lib/use-inbox-list'
import { InboxDesk } from './InboxDesk'
import { StatusTag } from '../../../components/StatusTag'
import { askToConfirm } from '../../../lib/dialog'
import './index.scss'

const ALL = 'all'
const ORDER_OPTIONS = [
  { text: '最早在前', value: 'oldest' },
  { text: '最新在前', value: 'newest' },
]
const STATE_OPTIONS = [{ text: '全部状态', value: ALL }, ...PENDING_STATES.map((state) => ({ text: PENDING_STATE_LABELS[state], value: state }))]

/** The calendar's YYYY-MM-DD out of NutUI's [year, month, day, 'YYYY-MM-DD', weekday] parts. */
function pickedDate(parts: unknown): string {
  return Array.isArray(parts) ? String(parts[3]) : ''
}

/** Why the batch cannot be passed yet, shown beside the disabled button. */
function batchBlocker(selected: number, allMatching: boolean): string | null {
  if (selected === 0) return allMatching ? '没有符合条件的事项' : '请先勾选要通过的事项'
  if (selected > MAX_BATCH_PASS) return `一次最多批量通过${MAX_BATCH_PASS}项，请缩小筛选范围`
  return null
}

/**
 * One kind of waiting item on a phone: search, filters (年度, 状态, 提交日期), oldest or newest first,
 * pages loaded while scrolling, and 批量通过 of ticked items or of all that match. Returns and
 * rejections need a reason and stay on the item's own page.
 */
export default function StaffListPage() {
  const session = useRequiredSession(['local_staff', 'cicpa_staff'])
  const { params } = useRouter()
  const kind = APPROVAL_KINDS.find((candidate) => candidate === params.kind) as ApprovalKind | undefined
  const list = useInboxList(kind, { enabled: Boolean(session && !session.user.mustChangePassword) })
  const desk = useDesk()
  const { filter, setFilter } = list
  const [batch, setBatch] = useState(false)
  const [calendarOpen, setCalendarOpen] = useState(false)
  const [result, setResult] = useState<BatchPassResponse | null>(null)
  const shown = useRef(false)
  const dateMenu = useRef<{ toggle: (show: boolean) => void }>(null)

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

  const today = chinaDate(new Date())
  const yearOptions = [{ text: '全部年度', value: ALL }, ...recentYears().map((year) => ({ text: `${year}年度`, value: String(year) }))]
  const dateTitle = filter.from && filter.to ? `${filter.from.slice(5)}至${filter.to.slice(5)}` : '提交日期'

  function narrow(patch: Partial<InboxFilter>) {
    setFilter({ ...filter, ...patch })
  }

  function open(item: InboxItem) {
    if (batch) {
      if (list.selection.mode === 'items') list.toggle(item)
      return
    }
    const detail = APPROVAL_DETAIL_PAGES[item.kind]
    if (detail) void Taro.navigateTo({ url: `${detail}?id=${encodeURIComponent(item.id)}` })
  }

  async function selectAllMatching() {
    Taro.showLoading({ title: '正在统计', mask: true })
    await list.selectAllMatching()
    Taro.hideLoading()
  }

  async function pass() {
    const count = list.selectedCount
    const which = list.selection.mode === 'all' ? `全部符合条件的 ${count} 项` : `所选的 ${count} 项`
    const { confirm } = await askToConfirm({
      title: '批量通过',
      content: `确定通过${which}${list.label}吗？提交后已被他人处理或有变化的事项不会通过，结果会逐项列出。`,
      confirmText: '通过',
      cancelText: '取消',
    })
    if (!confirm) return
    Taro.showLoading({ title: '正在通过', mask: true })
    const answer = await list.passSelected()
    Taro.hideLoading()
    if (!answer) return
    setBatch(false)
    setResult(answer)
  }

  if (desk && kind && session) return <InboxDesk kind={kind} list={list} user={session.user} />
  if (!list.loaded) {
    return (
      <View className="staff-list page">
        <View className="card">
          {list.failed ? (
            <Text className="link" onClick={() => void list.refresh()}>
              加载失败，点击重试
            </Text>
          ) : (
            <Skeleton rows={4} animated />
          )}
        </View>
      </View>
    )
  }

  const blocker = batchBlocker(list.selectedCount, list.selection.mode === 'all')
  const ticked = (item: InboxItem) => (list.selection.mode === 'all' ? true : list.selection.items.has(item.id))

  return (
    <View className={`staff-list page${batch ? ' staff-list--batch' : ''}`}>
      <StaffSearch className="staff-list__search" value={filter.q} onSearch={(q) => narrow({ q })} />
      <Menu className="staff-list__filters">
        <MenuItem
          className="staff-list__year"
          options={yearOptions}
          value={filter.year ? String(filter.year) : ALL}
          onChange={(option: { value: string }) => narrow({ year: option.value === ALL ? undefined : Number(option.value) })}
        />
        <MenuItem
          className="staff-list__state"
          options={STATE_OPTIONS}
          value={filter.state ?? ALL}
          onChange={(option: { value: string }) => narrow({ state: option.value === ALL ? undefined : (option.value as PendingState) })}
        />
        <MenuItem className="staff-list__dates" title={dateTitle} ref={dateMenu}>
          <View className="staff-list__date-panel">
            <Text className="muted">{filter.from && filter.to ? `提交日期 ${filter.from} 至 ${filter.to}` : '不限提交日期'}</Text>
            <View className="staff-list__date-buttons">
              <Button
                size="small"
                onClick={() => {
                  narrow({ from: undefined, to: undefined })
                  dateMenu.current?.toggle(false)
                }}
              >
                不限
              </Button>
              <Button
                size="small"
                type="primary"
                onClick={() => {
                  dateMenu.current?.toggle(false)
                  setCalendarOpen(true)
                }}
              >
                选择日期范围
              </Button>
            </View>
          </View>
        </MenuItem>
        <MenuItem
          className="staff-list__order"
          options={ORDER_OPTIONS}
          value={list.order}
          onChange={(option: { value: InboxOrder }) => list.setOrder(option.value)}
        />
      </Menu>

      {list.items.length > 0 || list.filtered ? (
        <View className="staff-list__bar">
          <Text className="muted">
            {list.filtered ? '筛选结果' : '全部待审批'} · 已加载 {list.items.length} 项{list.end ? '' : '，上拉加载更多'}
          </Text>
          {list.items.length > 0 || batch ? (
            <Text
              className="link staff-list__batch-toggle"
              onClick={() => {
                list.clearSelection()
                setBatch(!batch)
              }}
            >
              {batch ? '取消选择' : '选择'}
            </Text>
          ) : null}
        </View>
      ) : null}

      {list.items.length === 0 ? (
        list.filtered ? (
          <Empty
            className="staff-list__empty"
            image={<View className="staff-list__empty-mark">?</View>}
            imageSize={60}
            title={`没有符合条件的${list.label}`}
            description="请换个搜索内容或放宽筛选条件"
          >
            <Text className="link staff-list__empty-action" onClick={() => setFilter({})}>
              清除筛选
            </Text>
          </Empty>
        ) : (
          <Empty
            className="staff-list__empty"
            image={<View className="staff-list__empty-mark staff-list__empty-mark--done">✓</View>}
            imageSize={60}
            title={`暂无待审批的${list.label}`}
            description="新的申请提交后会出现在这里，下拉可刷新；已处理的事项在已办中"
          >
            <Text className="link staff-list__empty-action" onClick={() => void Taro.navigateTo({ url: `${STAFF_HANDLED_PAGE}?kind=${kind ?? ''}` })}>
              查看已办
            </Text>
          </Empty>
        )
      ) : (
        <View className="staff-list__items">
          {list.items.map((item) => (
            <View key={item.id} className={`staff-list__item${batch && ticked(item) ? ' staff-list__item--ticked' : ''}`} onClick={() => open(item)}>
              {batch ? <Checkbox className="staff-list__check" checked={ticked(item)} disabled={list.selection.mode === 'all'} /> : null}
              <View className="staff-list__main">
                <View className="staff-list__line">
                  <Text className="staff-list__name">{item.title}</Text>
                  {item.state === 'resubmitted' ? <StatusTag state="resubmitted">{PENDING_STATE_LABELS.resubmitted}</StatusTag> : null}
                </View>
                <Text className="staff-list__meta">{rowMeta(item)}</Text>
              </View>
              <Text className="staff-list__time">{formatChinaDate(item.submittedAt)}</Text>
            </View>
          ))}
          <ListFooter loading={list.loading === 'more'} failed={list.failed} end={list.end} onMore={list.loadMore} />
        </View>
      )}

      {batch ? (
        <View className="staff-list__batch">
          <View className="staff-list__batch-picks">
            <Text className="link staff-list__select-page" onClick={list.selectPage}>
              全选本页
            </Text>
            <Text className="link staff-list__select-all" onClick={() => void selectAllMatching()}>
              选择全部符合条件的项
            </Text>
          </View>
          <View className="staff-list__batch-actions">
            <Text className="staff-list__batch-count">
              {list.selection.mode === 'all' ? `已选全部符合条件的 ${list.selectedCount} 项` : `已选 ${list.selectedCount} 项`}
            </Text>
            <Button className="staff-list__pass" type="primary" size="small" disabled={Boolean(blocker) || list.passing} onClick={() => void pass()}>
              批量通过
            </Button>
          </View>
          {blocker ? <Text className="staff-list__batch-reason">{blocker}</Text> : null}
        </View>
      ) : null}

      <Calendar
        visible={calendarOpen}
        type="range"
        title="选择提交日期"
        startDate={dayjs(today).subtract(2, 'year').format('YYYY-MM-DD')}
        endDate={today}
        defaultValue={filter.from && filter.to ? [filter.from, filter.to] : undefined}
        onClose={() => setCalendarOpen(false)}
        onConfirm={(picked: unknown) => {
          const [from, to] = Array.isArray(picked) ? picked.map(pickedDate) : []
          if (from && to) narrow({ from, to })
          setCalendarOpen(false)
        }}
      />

      <Popup visible={result !== null} position="bottom" round title="批量通过结果" className="staff-list__result" onClose={() => setResult(null)}>
        {result ? (
          <View className="staff-list__result-body">
            <Text className="staff-list__result-head">已通过 {result.passed.length} 项</Text>
            {result.passed.map((item) => (
              <Text key={item.id} className="staff-list__result-row staff-list__result-passed">
                {item.title}
              </Text>
            ))}
            {result.changed.length > 0 ? (
              <>
                <Text className="staff-list__result-head staff-list__result-head--changed">期间已变化、未通过 {result.changed.length} 项</Text>
                {result.changed.map((item) => (
                  <View key={item.id} className="staff-list__result-row staff-list__result-changed">
                    <Text>{item.title}</Text>
                    <Text className="muted">{item.reason}</Text>
                  </View>
                ))}
              </>
            ) : null}
            <Button block type="primary" className="staff-list__result-ok" onClick={() => setResult(null)}>
              知道了
            </Button>
          </View>
        ) : null}
      </Popup>
    </View>
  )
}
