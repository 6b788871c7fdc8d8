import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Empty } from '@nutui/nutui-react-taro'
import type { ApprovalKind } from '@shared/approvals'
import type { InboxItem } from '@shared/api/workbench-schemas'
import type { SessionUser } from '@shared/api/schemas'
import { formatChinaTime } from '@shared/china-time'
import { INBOX_ORDERS, PENDING_STATE_LABELS, PENDING_STATES, type InboxOrder, type PendingState } from '@shared/workbench'
import { Button } from '../../../components/Button'
import { DateRow } from '../../../components/DateRow'
import { Choices, type DeskColumn, DeskTable } from '../lib/desk-parts'
import { APPROVAL_DETAILS } from '../lib/details'
import { ListFooter, recentYears, StaffSearch } from '../lib/list-parts'
import type { useInboxList } from '../lib/use-inbox-list'
import { askToConfirm } from '../../../lib/dialog'
import './InboxDesk.scss'

type InboxList = ReturnType<typeof useInboxList>

const ORDER_LABELS: Record<InboxOrder, string> = { oldest: '最早提交在前', newest: '最新提交在前' }

function Tick(props: { checked: boolean; label: string; onChange: () => void }) {
  return (
    <View
      className={`desk-tick ${props.checked ? 'desk-tick--on' : ''}`}
      role="checkbox"
      aria-checked={props.checked}
      aria-label={props.label}
      onClick={(event) => {
        // Ticking a row is not opening it.
        event.stopPropagation()
        props.onChange()
      }}
    >
      {props.checked ? '✓' : ''}
    </View>
  )
}

/**
 * A kind's pending list at a desk (H5, wide window): filters and search above a table, ticks for
 * 批量通过, paging by cursor, and the chosen item's own detail beside the table. Deciding it there
 * reads the list again, so the row leaves, and opens the row that followed it.
 */
export function InboxDesk(props: { kind: ApprovalKind; list: InboxList; user: SessionUser }) {
  const { list } = props
  const Detail = APPROVAL_DETAILS[props.kind]
  const [selected, setSelected] = useState<string | null>(null)
  // After a decision: the row to open once the list has been read again.
  const following = useRef<string | null | undefined>(undefined)
  const today = new Date()

  useEffect(() => {
    if (!selected || list.items.some((item) => item.id === selected)) return
    const next = following.current
    following.current = undefined
    // A row gone otherwise (a new filter, a batch) closes its detail; a decided one opens the next.
    setSelected(next === undefined ? null : list.items.some((item) => item.id === next) ? next : (list.items[0]?.id ?? null))
  }, [list.items, selected])

  function decided() {
    const at = list.items.findIndex((item) => item.id === selected)
    following.current = list.items[at + 1]?.id ?? list.items[at - 1]?.id ?? null
    void list.refresh()
  }

  const ticked = (id: string) => list.selection.mode === 'all' || list.selection.items.has(id)
  const pageTicked = list.items.length > 0 && list.items.every((item) => ticked(item.id))

  async function passTicked() {
    const { confirm } = await askToConfirm({
      title: '批量通过',
      content: `确定通过所选的${list.selectedCount}项${list.label}吗？`,
      confirmText: '确定',
      cancelText: '取消',
    })
    if (!confirm) return
    const answer = await list.passSelected()
    if (!answer) return
    const changed = answer.changed.map((item) => `${item.title}：${item.reason}`).join('\n')
    void askToConfirm({
      title: `已通过${answer.passed.length}项`,
      content: changed ? `以下事项已被他人处理或已变更，未通过：\n${changed}` : '所选事项均已通过。',
      showCancel: false,
      confirmText: '知道了',
    })
  }

  async function tickAllMatching() {
    const count = await list.selectAllMatching()
    if (count === 0) void Taro.showToast({ title: '没有符合条件的事项', icon: 'none' })
  }

  const columns: DeskColumn<InboxItem>[] = [
    {
      head: <Tick checked={pageTicked} label="选择本页全部" onChange={pageTicked ? list.clearSelection : list.selectPage} />,
      cell: (item) => <Tick checked={ticked(item.id)} label={`选择${item.title}`} onChange={() => list.toggle(item)} />,
      className: 'desk-table__cell--tick',
    },
    { head: '姓名', cell: (item) => item.title, className: 'desk-table__cell--name' },
    { head: '编号', cell: (item) => item.number },
    { head: '年度', cell: (item) => item.year },
    { head: '状态', cell: (item) => PENDING_STATE_LABELS[item.state] },
    { head: '提交时间', cell: (item) => formatChinaTime(item.submittedAt) },
  ]

  const { filter } = list
  return (
    <DeskTable
      title={`待审批 · ${list.label}`}
      label={`待审批${list.label}`}
      above={
        <>
          <StaffSearch className="staff-desk__search" value={filter.q} onSearch={(q) => list.setFilter({ ...filter, q })} />
          <View className="desk-filters">
            <Choices label="年度" options={recentYears(today)} text={String} value={filter.year} onChange={(year) => list.setFilter({ ...filter, year })} />
            <Choices<PendingState>
              label="状态"
              options={PENDING_STATES}
              text={(state) => PENDING_STATE_LABELS[state]}
              value={filter.state}
              onChange={(state) => list.setFilter({ ...filter, state })}
            />
            <View className="desk-filters__group">
              <Text className="desk-filters__label">提交日期</Text>
              <DateRow
                className="desk-filters__date desk-filters__from"
                title="提交日期起"
                value={filter.from ?? ''}
                from={new Date(today.getFullYear() - 5, 0, 1)}
                to={today}
                initial={today}
                onChange={(from) => list.setFilter({ ...filter, from })}
              />
              <Text className="muted">至</Text>
              <DateRow
                className="desk-filters__date desk-filters__to"
                title="提交日期止"
                value={filter.to ?? ''}
                from={new Date(today.getFullYear() - 5, 0, 1)}
                to={today}
                initial={today}
                onChange={(to) => list.setFilter({ ...filter, to })}
              />
              {filter.from || filter.to ? (
                <Text className="link desk-filters__clear" onClick={() => list.setFilter({ ...filter, from: undefined, to: undefined })}>
                  清除
                </Text>
              ) : null}
            </View>
            <Choices<InboxOrder>
              label="排序"
              options={INBOX_ORDERS}
              text={(order) => ORDER_LABELS[order]}
              value={list.order}
              all={false}
              onChange={(order) => order && list.setOrder(order)}
            />
          </View>

          <View className="staff-desk__batch">
            <Text className="muted">{list.selectedCount > 0 ? `已选 ${list.selectedCount} 项` : '勾选事项可批量通过'}</Text>
            <Text className="link" onClick={() => void tickAllMatching()}>
              选择全部符合条件的事项
            </Text>
            {list.selectedCount > 0 ? (
              <Text className="link" onClick={list.clearSelection}>
                取消选择
              </Text>
            ) : null}
            <Button
              id="desk-batch-pass"
              size="small"
              type="primary"
              disabled={list.selectedCount === 0 || list.passing}
              loading={list.passing}
              onClick={() => void passTicked()}
            >
              批量通过
            </Button>
          </View>
        </>
      }
      columns={columns}
      items={list.items}
      rowKey={(item) => item.id}
      selected={selected}
      onSelect={setSelected}
      below={
        list.loaded && list.items.length === 0 ? (
          <Empty image={<View />} title={list.filtered ? '没有符合条件的事项' : `暂无待审批的${list.label}`} />
        ) : (
          <ListFooter loading={list.loading === 'more' || !list.loaded} failed={list.failed} end={list.end} onMore={list.loadMore} />
        )
      }
      detail={selected ? <Detail key={selected} id={selected} user={props.user} onDecided={decided} /> : null}
    />
  )
}
