import { useState } from 'react'
import { View } from '@tarojs/components'
import { Empty } from '@nutui/nutui-react-taro'
import { APPROVAL_KIND_LABELS, type ApprovalKind } from '@shared/approvals'
import type { SessionUser } from '@shared/api/schemas'
import type { HandledItem } from '@shared/api/workbench-schemas'
import { formatChinaTime } from '@shared/china-time'
import { HANDLED_DECISION_LABELS, HANDLED_DECISIONS, type HandledDecision } from '@shared/workbench'
import { Choices, type DeskColumn, DeskTable } from '../lib/desk-parts'
import { APPROVAL_DETAILS } from '../lib/details'
import { ListFooter, recentYears, StaffSearch } from '../lib/list-parts'
import type { useCursorList } from '../lib/use-cursor-list'

export interface HandledFilter {
  year: number
  kind?: ApprovalKind
  decision?: HandledDecision
  q?: string
}

// One item can be decided more than once (returned, then passed), so a row is the decision, not the item.
const rowKey = (item: HandledItem) => `${item.kind}#${item.id}#${item.decidedAt}`

const COLUMNS: DeskColumn<HandledItem>[] = [
  { head: '姓名', cell: (item) => item.title, className: 'desk-table__cell--name' },
  { head: '编号', cell: (item) => item.number },
  { head: '事项', cell: (item) => APPROVAL_KIND_LABELS[item.kind] },
  { head: '年度', cell: (item) => item.year },
  { head: '处理结果', cell: (item) => HANDLED_DECISION_LABELS[item.decision] },
  { head: '经办', cell: (item) => item.decidedBy },
  { head: '处理时间', cell: (item) => formatChinaTime(item.decidedAt) },
]

/** 已办 at a desk: the same filters as on a phone, shown at once above a table, and the chosen item (with its trail) beside it. */
export function HandledDesk(props: {
  list: ReturnType<typeof useCursorList<HandledItem>>
  filter: HandledFilter
  setFilter: (filter: HandledFilter) => void
  kinds: readonly ApprovalKind[]
  user: SessionUser
}) {
  const { list, filter, setFilter } = props
  const [selected, setSelected] = useState<string | null>(null)
  // A row a new filter no longer lists closes its detail.
  const chosen = list.items.find((item) => rowKey(item) === selected)
  const Detail = chosen ? APPROVAL_DETAILS[chosen.kind] : null
  const narrowed = Boolean(filter.kind || filter.decision || filter.q)

  return (
    <DeskTable
      title="已办"
      label="已办事项"
      above={
        <>
          <StaffSearch className="staff-desk__search" value={filter.q} onSearch={(q) => setFilter({ ...filter, q })} />
          <View className="desk-filters">
            <Choices
              label="年度"
              options={recentYears()}
              text={String}
              value={filter.year}
              all={false}
              onChange={(year) => year && setFilter({ ...filter, year })}
            />
            <Choices<HandledDecision>
              label="处理结果"
              options={HANDLED_DECISIONS}
              text={(decision) => HANDLED_DECISION_LABELS[decision]}
              value={filter.decision}
              onChange={(decision) => setFilter({ ...filter, decision })}
            />
            <Choices<ApprovalKind>
              label="事项"
              options={props.kinds}
              text={(kind) => APPROVAL_KIND_LABELS[kind]}
              value={filter.kind}
              onChange={(kind) => setFilter({ ...filter, kind })}
            />
          </View>
        </>
      }
      columns={COLUMNS}
      items={list.items}
      rowKey={rowKey}
      selected={chosen ? selected : null}
      onSelect={setSelected}
      below={
        list.loaded && list.items.length === 0 ? (
          <Empty image={<View />} title={narrowed ? '没有符合条件的已办事项' : `${filter.year}年度暂无已办事项`} />
        ) : (
          <ListFooter loading={list.loading === 'more' || !list.loaded} failed={list.failed} end={list.end} onMore={list.loadMore} />
        )
      }
      detail={chosen && Detail ? <Detail key={selected} id={chosen.id} user={props.user} onDecided={() => void list.refresh()} /> : null}
    />
  )
}
