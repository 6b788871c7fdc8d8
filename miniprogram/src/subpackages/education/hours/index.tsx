import { useCallback, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Cell, Empty, Picker, Skeleton, Tag } from '@nutui/nutui-react-taro'
import type { HoursReport } from '@shared/api/hours-schemas'
import type { HoursSource } from '@shared/hours'
import { learningYearAt } from '@shared/calendar'
import { call, showError } from '../../../api/client'
import { Button } from '../../../components/Button'
import { openDocument } from '../../../lib/platform'
import { EDUCATION_PAGES } from '../../../lib/education-pages'
import { useRequiredSession } from '../../../lib/use-session'
import './index.scss'
import { formatChinaTime } from '@shared/china-time'

const SOURCE_TAGS: Record<HoursSource, 'primary' | 'success' | 'warning'> = { online: 'primary', output: 'success', exemption: 'warning' }
/** How far back the year picker reaches. */
const YEARS_SHOWN = 5

/** 学时查询: a year's required and completed hours, by source, with every record behind them (`?year=` opens that year). */
export default function HoursPage() {
  const session = useRequiredSession(['member'])
  const { params } = useRouter()
  const [report, setReport] = useState<HoursReport | null>(null)
  const [currentYear, setCurrentYear] = useState<number | null>(null)
  const [year, setYear] = useState<number | null>(params.year ? Number(params.year) : null)
  const [picking, setPicking] = useState(false)
  const [loading, setLoading] = useState(false)
  const [downloading, setDownloading] = useState(false)

  const load = useCallback(
    async (wanted: number | null) => {
      if (!session || session.user.mustChangePassword) return
      setLoading(true)
      try {
        const loaded = await call('hoursReport', { query: wanted ? { year: String(wanted) } : {} })
        setReport(loaded)
        setYear(loaded.year)
        setCurrentYear((known) => known ?? Math.max(loaded.year, learningYearAt(new Date())))
      } catch (error) {
        showError(error)
      } finally {
        setLoading(false)
        Taro.stopPullDownRefresh()
      }
    },
    [session],
  )
  useDidShow(() => void load(year))
  usePullDownRefresh(() => void load(year))

  /** 学时证明 of the year shown: drawn by the server now, with a QR that verifiers scan. */
  async function downloadCertificate(wanted: number) {
    setDownloading(true)
    try {
      const file = await call('hoursCertificate', { query: { year: String(wanted) } })
      await openDocument(file.url, file.fileName, 'pdf')
    } catch (error) {
      showError(error)
    } finally {
      setDownloading(false)
    }
  }

  if (!report || currentYear === null) {
    return (
      <View className="hours page">
        <View className="card">
          <Skeleton rows={6} animated />
        </View>
      </View>
    )
  }

  const years = Array.from({ length: YEARS_SHOWN }, (_unused, index) => currentYear - index)
  return (
    <View className="hours page">
      <Cell.Group>
        <Cell className="hours__year" title="年度" extra={<Text className="link">{report.year}年 ›</Text>} clickable onClick={() => setPicking(true)} />
      </Cell.Group>

      <View className={`card hours__summary ${loading ? 'hours__summary--loading' : ''}`}>
        <Summary label="应完成" value={report.required} className="required" />
        <Summary label="已完成" value={report.done} className="done" />
        <Summary label="尚需" value={report.missing} className="missing" />
        <Summary label="减免" value={report.exempted} className="exempted" />
      </View>
      {report.exempted > 0 ? <Text className="muted hours__note">减免学时已从应完成学时中扣除。</Text> : null}

      <Text className="section-title">按来源</Text>
      <Cell.Group>
        {report.bySource.map((source) => (
          <Cell
            key={source.source}
            className={`hours__source hours__source--${source.source}`}
            title={source.label}
            extra={<Text className="hours__source-hours">{source.hours} 学时</Text>}
          />
        ))}
      </Cell.Group>

      <Button
        id="hours-certificate"
        className="hours__certificate"
        type="primary"
        fill="outline"
        block
        loading={downloading}
        disabled={loading}
        onClick={() => void downloadCertificate(report.year)}
      >
        {`下载${report.year}年度学时证明（PDF）`}
      </Button>

      <Text className="section-title">学时明细</Text>
      {report.records.length === 0 ? (
        <Empty
          className="hours__empty"
          image={<View />}
          title={`${report.year}年度暂无学时记录`}
          description="在线学习的课节评价后、产出式学时和减免学时经所属注协审核通过后，记录会出现在这里。"
        />
      ) : (
        report.records.map((record) => (
          <View key={record.id} className="card hours__record">
            <View className="hours__record-head">
              <Tag type={SOURCE_TAGS[record.source]}>{report.bySource.find((source) => source.source === record.source)?.label ?? record.source}</Tag>
              <Text className="hours__record-title">{record.title}</Text>
              <Text className={`hours__record-hours hours__record-hours--${record.source}`}>
                {record.source === 'exemption' ? `减免${record.hours}` : `+${record.hours}`}
              </Text>
            </View>
            {record.detail ? <Text className="muted">{record.detail}</Text> : null}
            <Text className="muted">{formatChinaTime(record.at)}</Text>
          </View>
        ))
      )}

      <View className="hours__links">
        <Text className="link" onClick={() => void Taro.navigateTo({ url: `${EDUCATION_PAGES.claims}?kind=output` })}>
          产出式学时申报 ›
        </Text>
        <Text className="link" onClick={() => void Taro.navigateTo({ url: `${EDUCATION_PAGES.claims}?kind=exemption` })}>
          减免学时申请 ›
        </Text>
      </View>

      <Picker
        visible={picking}
        title="选择年度"
        options={[years.map((candidate) => ({ value: candidate, label: `${candidate}年` }))]}
        value={[report.year]}
        onConfirm={(_options, [value]) => void load(Number(value))}
        onClose={() => setPicking(false)}
      />
    </View>
  )
}

function Summary(props: { label: string; value: number; className: string }) {
  return (
    <View className={`hours__summary-item hours__summary-item--${props.className}`}>
      <Text className="hours__summary-number">{props.value}</Text>
      <Text className="muted">{props.label}</Text>
    </View>
  )
}
