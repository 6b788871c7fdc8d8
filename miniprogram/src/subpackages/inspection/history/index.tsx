import { useCallback, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Empty, Skeleton, Tag } from '@nutui/nutui-react-taro'
import type { InspectionSummary } from '@shared/api/inspection-schemas'
import type { InspectionStatus } from '@shared/inspection'
import { call, showError } from '../../../api/client'
import { formatTime, INSPECTION_PAGES } from '../../../lib/inspection-pages'
import { useRequiredSession } from '../../../lib/use-session'
import './index.scss'

const STATUS_FILTERS: { label: string; value?: InspectionStatus }[] = [
  { label: '全部' },
  { label: '审核中', value: 'pending' },
  { label: '已退回', value: 'returned' },
  { label: '已通过', value: 'passed' },
]
const TAG_TYPES = { draft: 'default', pending: 'primary', returned: 'warning', passed: 'success' } as const

/** 历年年检结果查询: every year's record, filtered by year and status. */
export default function InspectionHistoryPage() {
  const session = useRequiredSession(['member'])
  const [years, setYears] = useState<number[]>([])
  const [year, setYear] = useState<number | undefined>()
  const [status, setStatus] = useState<InspectionStatus | undefined>()
  const [items, setItems] = useState<InspectionSummary[] | null>(null)

  const load = useCallback(
    async (filter: { year?: number; status?: InspectionStatus }) => {
      if (!session || session.user.mustChangePassword) return
      try {
        const query: Record<string, string> = {}
        if (filter.year) query.year = String(filter.year)
        if (filter.status) query.status = filter.status
        const [all, filtered] = await Promise.all([call('inspectionHistory'), call('inspectionHistory', { query })])
        setYears([...new Set(all.items.map((item) => item.year))])
        setItems(filtered.items)
      } catch (error) {
        showError(error)
      } finally {
        Taro.stopPullDownRefresh()
      }
    },
    [session],
  )

  useDidShow(() => void load({ year, status }))
  usePullDownRefresh(() => void load({ year, status }))

  function choose(filter: { year?: number; status?: InspectionStatus }) {
    setYear(filter.year)
    setStatus(filter.status)
    void load(filter)
  }

  return (
    <View className="history page">
      <View className="card history__filters">
        <View className="history__filter-row">
          <Text className="history__filter-label">年度</Text>
          <Text className={`history__chip ${year === undefined ? 'history__chip--on' : ''}`} onClick={() => choose({ status })}>全部</Text>
          {years.map((candidate) => (
            <Text key={candidate} className={`history__chip ${year === candidate ? 'history__chip--on' : ''}`} onClick={() => choose({ year: candidate, status })}>
              {candidate}
            </Text>
          ))}
        </View>
        <View className="history__filter-row">
          <Text className="history__filter-label">状态</Text>
          {STATUS_FILTERS.map((filter) => (
            <Text
              key={filter.label}
              className={`history__chip history__status-${filter.value ?? 'all'} ${status === filter.value ? 'history__chip--on' : ''}`}
              onClick={() => choose({ year, status: filter.value })}
            >
              {filter.label}
            </Text>
          ))}
        </View>
      </View>

      {items === null ? (
        <View className="card"><Skeleton rows={4} animated /></View>
      ) : items.length === 0 ? (
        <Empty image={<View />} title="暂无年检记录" description={year || status ? '换个筛选条件试试' : '提交年检申请后可在这里查看结果'} />
      ) : (
        items.map((item) => (
          <View key={item.id} className="card history__item" onClick={() => void Taro.navigateTo({ url: `${INSPECTION_PAGES.detail}?id=${item.id}` })}>
            <View className="history__item-head">
              <Text className="history__item-year">{item.year}年度</Text>
              <Tag type={TAG_TYPES[item.status]}>{item.statusLabel}</Tag>
            </View>
            <Text className="muted">{item.kindLabel} · 提交于 {formatTime(item.submittedAt)}</Text>
            <Text className="link history__view">查看 ›</Text>
          </View>
        ))
      )}
    </View>
  )
}
