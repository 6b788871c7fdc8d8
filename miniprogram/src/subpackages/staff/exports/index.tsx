import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Picker, Progress, Segmented, Skeleton } from '@nutui/nutui-react-taro'
import { LOCAL_ASSOCIATIONS } from '@shared/associations'
import type { ExportJob } from '@shared/api/workbench-schemas'
import { inspectionYearAt } from '@shared/calendar'
import { formatChinaTime } from '@shared/china-time'
import { ALL_ASSOCIATIONS, EXPORT_KIND_LABELS, EXPORT_KINDS, EXPORT_STATUS_LABELS, type ExportKind } from '@shared/workbench'
import { call, showError } from '../../../api/client'
import { Button } from '../../../components/Button'
import { ChoiceRow } from '../../../components/ChoiceRow'
import { FormField } from '../../../components/FormField'
import { openDocument } from '../../../lib/platform'
import { PRIMARY_COLOR } from '../../../lib/theme'
import { usePageData } from '../../../lib/use-page-data'
import { useRequiredSession } from '../../../lib/use-session'
import { StatusTag } from '../../../components/StatusTag'
import './index.scss'

/** How often a running export is asked for its progress. */
const POLL_MS = 1000
const ASSOCIATION_OPTIONS = [{ value: ALL_ASSOCIATIONS, label: '全部地方注协' }, ...LOCAL_ASSOCIATIONS.map((a) => ({ value: a.code, label: a.name }))]

const finished = (job: ExportJob) => job.status === 'done' || job.status === 'failed'
const percentOf = (job: ExportJob) => (job.status === 'done' ? 100 : job.total ? Math.min(99, Math.floor((job.processed * 100) / job.total)) : 0)

/** Opens the file through a fresh link: the one in a list answered minutes ago may have expired. */
async function download(job: ExportJob) {
  try {
    const fresh = await call('exportJob', { params: { id: job.id } })
    if (fresh.downloadUrl) await openDocument(fresh.downloadUrl, fresh.fileName, 'xlsx')
  } catch (error) {
    showError(error)
  }
}

function JobProgress({ job }: { job: ExportJob }) {
  return (
    <View className="exports__job" data-testid="export-current">
      <View className="exports__line">
        <Text className="exports__name">{job.fileName}</Text>
        <StatusTag className="exports__status" state={job.status} plain>
          {EXPORT_STATUS_LABELS[job.status]}
        </StatusTag>
      </View>
      <Progress color={PRIMARY_COLOR} percent={percentOf(job)} strokeWidth="8" />
      <Text className="exports__meta" data-testid="export-progress">
        {job.total === undefined ? `已处理 ${job.processed} 行` : `已处理 ${job.processed} / ${job.total} 行`}
      </Text>
      {job.failure ? <Text className="exports__failure">{job.failure}</Text> : null}
      {job.status === 'done' ? (
        <Button type="primary" block onClick={() => void download(job)}>
          下载
        </Button>
      ) : null}
    </View>
  )
}

/**
 * 导出 Excel: 年检结果 or 会员学时 of a year, or what waits now (待审批清单), built in the background;
 * the page follows the job's progress and offers 下载 once done. CICPA staff choose an association or all.
 */
export default function StaffExportsPage() {
  const session = useRequiredSession(['local_staff', 'cicpa_staff'])
  const enabled = Boolean(session && !session.user.mustChangePassword)
  const cicpa = session?.user.role === 'cicpa_staff'
  const years = [0, 1, 2].map((back) => inspectionYearAt(new Date()) - back)
  const [kind, setKind] = useState<ExportKind>('inspection_results')
  const [year, setYear] = useState(years[0]!)
  const [association, setAssociation] = useState<string | null>(null)
  const [picking, setPicking] = useState(false)
  const [starting, setStarting] = useState(false)
  const [current, setCurrent] = useState<ExportJob | null>(null)
  const recent = usePageData('exports', enabled)
  const timer = useRef<ReturnType<typeof setTimeout>>()

  useEffect(() => () => clearTimeout(timer.current), [])

  function follow(job: ExportJob) {
    setCurrent(job)
    if (finished(job)) {
      void recent.reload()
      return
    }
    timer.current = setTimeout(() => {
      call('exportJob', { params: { id: job.id } }).then(follow, (error: unknown) => {
        showError(error)
        timer.current = setTimeout(() => follow(job), POLL_MS)
      })
    }, POLL_MS)
  }

  async function start() {
    if (cicpa && !association) {
      void Taro.showToast({ title: '请选择地方注协', icon: 'none' })
      return
    }
    setStarting(true)
    clearTimeout(timer.current)
    try {
      const body = { kind, ...(kind === 'pending' ? {} : { year }), ...(cicpa && association ? { associationCode: association } : {}) }
      const job = await call('startExport', { body })
      follow(job)
      void recent.reload()
    } catch (error) {
      showError(error)
    } finally {
      setStarting(false)
    }
  }

  const associationLabel = ASSOCIATION_OPTIONS.find((option) => option.value === association)?.label ?? ''

  return (
    <View className="exports page">
      <View className="card exports__form">
        <Text className="exports__label">导出内容</Text>
        <Segmented
          className="exports__kind"
          value={kind}
          options={EXPORT_KINDS.map((value) => ({ label: EXPORT_KIND_LABELS[value], value }))}
          onChange={(value) => setKind(value as ExportKind)}
        />
        {kind === 'pending' ? (
          <Text className="exports__hint">当前全部待审批事项，按提交时间排列</Text>
        ) : (
          <>
            <Text className="exports__label">年度</Text>
            <Segmented
              className="exports__year"
              value={year}
              options={years.map((value) => ({ label: `${value}年度`, value }))}
              onChange={(value) => setYear(Number(value))}
            />
          </>
        )}
        {cicpa ? (
          <FormField label="地方注协" required>
            <ChoiceRow className="exports__association" text={associationLabel} placeholder="请选择地方注协" onClick={() => setPicking(true)} />
          </FormField>
        ) : null}
        <Button type="primary" block loading={starting} disabled={starting} onClick={() => void start()}>
          开始导出
        </Button>
        <Text className="exports__hint">导出在后台生成，不含身份证件号码；完成后点击下载，下载链接几分钟内有效。</Text>
      </View>

      {current ? <JobProgress job={current} /> : null}

      <Text className="section-title">最近导出</Text>
      {recent.data ? (
        recent.data.items.length ? (
          <View className="exports__recent">
            {recent.data.items.map((job) => (
              <View key={job.id} className="exports__item">
                <View className="exports__line">
                  <Text className="exports__name">{job.fileName}</Text>
                  <StatusTag className="exports__status" state={job.status} plain>
                    {EXPORT_STATUS_LABELS[job.status]}
                  </StatusTag>
                </View>
                <Text className="exports__meta">
                  {formatChinaTime(job.createdAt)} · {job.processed} 行
                </Text>
                {job.failure ? <Text className="exports__failure">{job.failure}</Text> : null}
                {job.status === 'done' ? (
                  <Text className="link exports__download" onClick={() => void download(job)}>
                    下载
                  </Text>
                ) : null}
              </View>
            ))}
          </View>
        ) : (
          <Text className="muted exports__none">还没有导出记录</Text>
        )
      ) : recent.failed ? (
        <Text className="link" onClick={() => void recent.reload()}>
          加载失败，点击重试
        </Text>
      ) : (
        <View className="card">
          <Skeleton rows={3} animated />
        </View>
      )}

      <Picker
        visible={picking}
        title="选择地方注协"
        options={[ASSOCIATION_OPTIONS]}
        defaultValue={[association ?? ALL_ASSOCIATIONS]}
        onConfirm={(_options, [value]) => setAssociation(String(value))}
        onClose={() => setPicking(false)}
      />
    </View>
  )
}
