import { useCallback, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Empty, Skeleton } from '@nutui/nutui-react-taro'
import type { InspectionSummary } from '@shared/api/inspection-schemas'
import type { InspectionStatus } from '@shared/inspection'
import { Button } from '../../../components/Button'
import { call, showError } from '../../../api/client'
import { INSPECTION_PAGES } from '../../../lib/inspection-pages'
import { PAGES } from '../../../lib/session'
import { useRequiredSession } from '../../../lib/use-session'
import { StatusTag } from '../../../components/StatusTag'
import './index.scss'
import { formatChinaTime } from '@shared/china-time'

const STATUS_FILTERS: { label: string; value?: InspectionStatus }[] = [
  { label: '全部' },
  { label: '审核中', value: 'pending' },
  { label: '已退回', value: 'returned' },
  { label: '已通过', value: 'passed' },
  { label: '已撤销', value: 'revoked' },
]

/** 历年年检结果查询: every year's record, filtered by year and status, each with 【查看】 and 【二维码】 (seed 003, 2.2.3). */
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
          <Text className={`history__chip ${year === undefined ? 'history__chip--on' : ''}`} onClick={() => choose({ status })}>
            全部
          </Text>
          {years.map((candidate) => (
            <Text
              key={candidate}
              className={`history__chip ${year === candidate ? 'history__chip--on' : ''}`}
              onClick={() => choose({ year: candidate, status })}
            >
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
        <View className="card">
          <Skeleton rows={4} animated />
        </View>
      ) : items.length === 0 ? (
        <Empty image={<View />} title="暂无年检记录" description={year || status ? '换个筛选条件试试' : '提交年检申请后可在这里查看结果'} />
      ) : (
        items.map((item) => (
          <View key={item.id} className="card history__item" onClick={() => void Taro.navigateTo({ url: `${INSPECTION_PAGES.detail}?id=${item.id}` })}>
            <View className="history__item-head">
              <Text className="history__item-year">{item.year}年度</Text>
              <StatusTag state={item.status}>{item.statusLabel}</StatusTag>
            </View>
            <Text className="muted">
              {item.kindLabel} · 提交于 {formatChinaTime(item.submittedAt)}
            </Text>
            <View className="history__actions">
              <Button
                className="history__qr"
                size="small"
                fill="outline"
                type="primary"
                onClick={(event) => {
                  // The card itself opens 查看; the button opens only the year's code.
                  event.stopPropagation()
                  void Taro.navigateTo({ url: `${PAGES.inspectionQr}?id=${item.id}` })
                }}
              >
                二维码
              </Button>
              <Text className="link history__view">查看 ›</Text>
            </View>
          </View>
        ))
      )}
    </View>
  )
}
