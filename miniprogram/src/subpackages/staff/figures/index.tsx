import { useCallback, useEffect, useState } from 'react'
import { ScrollView, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Segmented, Skeleton } from '@nutui/nutui-react-taro'
import type { AssociationFigures, FiguresResponse } from '@shared/api/workbench-schemas'
import { inspectionYearAt } from '@shared/calendar'
import { call, showError } from '../../../api/client'
import { useRequiredSession } from '../../../lib/use-session'
import './index.scss'

type Counted = Omit<AssociationFigures, 'association' | 'year'>

/** The figures a dashboard shows, each against the association's members. */
const TILES: { key: keyof Counted; label: string }[] = [
  { key: 'applied', label: '已申请' },
  { key: 'notApplied', label: '未申请' },
  { key: 'passed', label: '年检通过' },
  { key: 'returned', label: '退回待改' },
  { key: 'deferred', label: '同意暂缓' },
  { key: 'feePaid', label: '会费已缴/免缴' },
  { key: 'feeUnpaid', label: '会费未缴' },
  { key: 'hoursMet', label: '学时达标' },
]

/** What CICPA compares the associations by, as a share of their members. */
const COMPARISONS: { key: keyof Counted; label: string }[] = [
  { key: 'applied', label: '申请' },
  { key: 'passed', label: '通过' },
  { key: 'feePaid', label: '会费' },
  { key: 'hoursMet', label: '学时' },
]

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part * 100) / whole) : 0)

function totalOf(rows: readonly AssociationFigures[]): Counted {
  const total = {} as Counted
  for (const { key } of [...TILES, { key: 'members' as const }]) total[key] = rows.reduce((sum, row) => sum + row[key], 0)
  return total
}

/** One bar per figure, its length the share of members: the number and share are written beside it. */
function Bars({ figures }: { figures: Counted }) {
  return (
    <View className="figures__bars" data-testid="figures-chart">
      {TILES.map(({ key, label }) => {
        const share = percent(figures[key], figures.members)
        return (
          <View key={key} className="figures__bar-row">
            <Text className="figures__bar-label">{label}</Text>
            <View className="figures__bar-track">
              <View className={`figures__bar figures__bar--${key}`} style={{ width: `${share}%` }} />
            </View>
            <Text className="figures__bar-value">
              {figures[key]} · {share}%
            </Text>
          </View>
        )
      })}
    </View>
  )
}

function Tiles({ figures }: { figures: Counted }) {
  return (
    <View className="figures__tiles">
      {TILES.map(({ key, label }) => (
        <View key={key} className="figures__tile" data-testid={`figure-${key}`}>
          <Text className="figures__tile-value">{figures[key]}</Text>
          <Text className="figures__tile-label">{label}</Text>
        </View>
      ))}
    </View>
  )
}

/** CICPA: the 32 associations side by side, one bar each for the chosen figure, then every figure in a table. */
function Associations({ rows }: { rows: readonly AssociationFigures[] }) {
  const [by, setBy] = useState<keyof Counted>('applied')
  return (
    <>
      <Text className="section-title">各地方注协对比</Text>
      <View className="card figures__compare">
        <View className="figures__compare-by">
          <Segmented value={by} options={COMPARISONS.map(({ key, label }) => ({ label, value: key }))} onChange={(value) => setBy(value as keyof Counted)} />
        </View>
        <View className="figures__compare-rows" data-testid="figures-compare">
          {rows.map((row) => {
            const share = percent(row[by], row.members)
            return (
              <View key={row.association.code} className="figures__compare-row">
                <Text className="figures__compare-name">{row.association.name.replace(/(省|市)?注册会计师协会$/, '')}</Text>
                <View className="figures__bar-track">
                  <View className={`figures__bar figures__bar--${by}`} style={{ width: `${share}%` }} />
                </View>
                <Text className="figures__bar-value">
                  {row[by]}/{row.members}
                </Text>
              </View>
            )
          })}
        </View>
      </View>
      <Text className="section-title">明细</Text>
      <ScrollView scrollX className="figures__table-scroll">
        <View className="figures__table" data-testid="figures-table">
          <View className="figures__tr figures__tr--head">
            <Text className="figures__td figures__td--name">地方注协</Text>
            <Text className="figures__td">会员</Text>
            {TILES.map(({ key, label }) => (
              <Text key={key} className="figures__td">
                {label}
              </Text>
            ))}
          </View>
          {rows.map((row) => (
            <View key={row.association.code} className="figures__tr">
              <Text className="figures__td figures__td--name">{row.association.name}</Text>
              <Text className="figures__td">{row.members}</Text>
              {TILES.map(({ key }) => (
                <Text key={key} className="figures__td">
                  {row[key]}
                </Text>
              ))}
            </View>
          ))}
        </View>
      </ScrollView>
    </>
  )
}

/**
 * 年检统计 of a 年检年度: counters the server keeps with every submission, decision, payment and
 * hours credit. Local staff see their association; CICPA staff the national total and the 32.
 */
export default function StaffFiguresPage() {
  const session = useRequiredSession(['local_staff', 'cicpa_staff'])
  const enabled = Boolean(session && !session.user.mustChangePassword)
  const years = [0, 1, 2].map((back) => inspectionYearAt(new Date()) - back)
  const [year, setYear] = useState(years[0]!)
  const [figures, setFigures] = useState<FiguresResponse | null>(null)
  const [failed, setFailed] = useState(false)

  const load = useCallback(async () => {
    if (!enabled) return
    try {
      setFigures(await call('figures', { query: { year: String(year) } }))
      setFailed(false)
    } catch (error) {
      setFailed(true)
      showError(error)
    } finally {
      Taro.stopPullDownRefresh()
    }
  }, [enabled, year])
  useEffect(() => void load(), [load])
  usePullDownRefresh(() => void load())

  const rows = figures?.year === year ? figures.associations : null
  const national = session?.user.role === 'cicpa_staff'
  const shown = rows ? (national ? totalOf(rows) : rows[0]) : undefined

  return (
    <View className="figures page">
      <View className="card figures__head">
        <View className="figures__year">
          <Segmented
            value={String(year)}
            options={years.map((value) => ({ label: `${value}年度`, value: String(value) }))}
            onChange={(value) => setYear(Number(value))}
          />
        </View>
        <Text className="figures__scope">{national ? '全国（32 个地方注协）' : (rows?.[0]?.association.name ?? session?.user.association.name)}</Text>
        {shown ? (
          <Text className="figures__members" data-testid="figure-members">
            非执业会员 {shown.members} 人
          </Text>
        ) : null}
      </View>

      {shown ? (
        <>
          <Tiles figures={shown} />
          <Text className="section-title">占会员比例</Text>
          <View className="card">
            <Bars figures={shown} />
          </View>
          {national && rows ? <Associations rows={rows} /> : null}
          <Text className="figures__hint">随每次提交、审核、缴费与学时认定即时更新</Text>
        </>
      ) : failed ? (
        <Text className="link" onClick={() => void load()}>
          加载失败，点击重试
        </Text>
      ) : (
        <View className="card">
          <Skeleton rows={6} animated />
        </View>
      )}
    </View>
  )
}
