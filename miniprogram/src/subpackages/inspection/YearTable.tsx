import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Cell } from '@nutui/nutui-react-taro'
import type { InspectionOverview } from '@shared/api/inspection-schemas'
import { REQUIRED_HOURS_PER_YEAR } from '@shared/hours'
import { StatusTag } from '../../components/StatusTag'
import { EDUCATION_PAGES } from '../../lib/education-pages'
import './YearTable.scss'

/** "2027-03-01 至 06-30": the closing year is left out when it is the opening one, so the row fits a phone. */
const windowText = ({ opensOn, closesOn }: { opensOn: string; closesOn: string }) =>
  `${opensOn} 至 ${closesOn.slice(0, 4) === opensOn.slice(0, 4) ? closesOn.slice(5) : closesOn}`

const yearSpan = (years: readonly number[]) => (years.length === 1 ? `${years[0]}` : `${years[0]}—${years.at(-1)}`)

/** 年检信息 of the year applied for: what both 年检申请 and 暂缓年检申请 are about (seed 003, 2.2.2.2 and 2.2.2.3). */
export function YearTable({ overview }: { overview: InspectionOverview }) {
  return (
    <>
      <Text className="section-title">年检信息</Text>
      <Cell.Group className="apply__table">
        <Cell title="年检年度" extra={<Text className="apply__value">{overview.year}</Text>} />
        <Cell title="申请时间" extra={<Text className="apply__value apply__window">{windowText(overview.window)}</Text>} />
        <Cell title="最后年检年度" extra={<Text className="apply__value">{overview.lastInspectionYear ?? '—'}</Text>} />
        <Cell
          title="累计应完成学时"
          description={overview.hoursYears.length ? `${yearSpan(overview.hoursYears)}年度，每年${REQUIRED_HOURS_PER_YEAR}学时` : undefined}
          extra={<Text className="apply__value">{overview.hours.required.toFixed(2)}</Text>}
        />
        <Cell
          className="apply__hours"
          title="累计已完成学时"
          clickable
          onClick={() => void Taro.navigateTo({ url: `${EDUCATION_PAGES.hours}?year=${overview.year}` })}
          extra={<Text className={`apply__value ${overview.hours.missing > 0 ? 'apply__value--short' : ''}`}>{overview.hours.done.toFixed(2)} ›</Text>}
        />
        <Cell
          title="缴费情况"
          extra={
            <StatusTag state={overview.fee} className="apply__fee">
              {overview.fee}
            </StatusTag>
          }
        />
      </Cell.Group>
    </>
  )
}
