import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Cell, Segmented, Skeleton, Switch, TextArea } from '@nutui/nutui-react-taro'
import { type MaterialUploads, NoticeRequest } from '@shared/api/inspection-schemas'
import { APPLY_SUCCESS_TEXT } from '@shared/inspection'
import { Button } from '../../../../components/Button'
import { ApiError, call, showError } from '../../../../api/client'
import { DateRow } from '../../../../components/DateRow'
import { FormField } from '../../../../components/FormField'
import { usePageData } from '../../../../lib/use-page-data'
import { useRequiredSession } from '../../../../lib/use-session'
import { validate } from '../../../../lib/validate'
import './index.scss'

const dateOf = (isoDate: string) => new Date(`${isoDate}T00:00:00`)

const UPLOAD_SECTIONS: { purpose: keyof MaterialUploads; label: string; hint: string }[] = [
  { purpose: 'inspection', label: '年检申请上传材料', hint: '关闭后会员申请年检时不显示上传材料' },
  { purpose: 'deferral', label: '暂缓年检上传证明材料', hint: '关闭后暂缓年检申请无需上传证明材料' },
]

/**
 * 年检设置: the notice this association's members read after a successful application
 * (省注协自定义通知), when they may apply for a 年检年度 (the one applied for now, or the next), and
 * whether they upload materials at all (seed 003: 无需上传材料时则该端口关闭).
 */
export default function InspectionNoticePage() {
  const session = useRequiredSession(['local_staff'])
  const { data, reload } = usePageData('inspectionNotice', Boolean(session && !session.user.mustChangePassword))
  const [notice, setNotice] = useState('')
  const [windowYear, setWindowYear] = useState<number | null>(null)
  const [opensOn, setOpensOn] = useState('')
  const [closesOn, setClosesOn] = useState('')
  const [uploads, setUploads] = useState<MaterialUploads>({ inspection: true, deferral: true })
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)
  useEffect(() => {
    if (!data) return
    setNotice(data.notice)
    setUploads(data.uploads)
    const shown = data.windows.find((window) => window.year === windowYear) ?? data.windows[0]!
    setWindowYear(shown.year)
    setOpensOn(shown.opensOn)
    setClosesOn(shown.closesOn)
  }, [data])

  function chooseWindowYear(year: number) {
    const chosen = data?.windows.find((window) => window.year === year)
    if (!chosen) return
    setWindowYear(year)
    setOpensOn(chosen.opensOn)
    setClosesOn(chosen.closesOn)
    setFieldErrors({})
  }

  async function save() {
    const { data: body, errors } = validate(NoticeRequest, {
      notice,
      version: data?.version ?? 0,
      windowYear: windowYear ?? undefined,
      opensOn,
      closesOn,
      uploads,
    })
    setFieldErrors(errors)
    if (!body) return
    setSaving(true)
    try {
      await call('saveInspectionNotice', { body })
      void Taro.showToast({ title: '已保存', icon: 'success' })
      await reload()
    } catch (error) {
      if (error instanceof ApiError) setFieldErrors(error.fieldErrors)
      showError(error)
      // Someone else saved first: show what is there now, so nothing is overwritten unseen.
      if (error instanceof ApiError && error.code === 'CONFLICT') await reload()
    } finally {
      setSaving(false)
    }
  }

  if (!data)
    return (
      <View className="notice page">
        <View className="card">
          <Skeleton rows={4} animated />
        </View>
      </View>
    )
  return (
    <View className="notice page">
      <Text className="section-title">{data.association.name}</Text>
      <View className="card">
        {/* The whole card's width and as many lines as the notice has: staff read it all while editing. */}
        <FormField label="自定义通知" required stacked error={fieldErrors.notice}>
          <TextArea className="notice__input" value={notice} onChange={setNotice} maxLength={300} showCount autoSize placeholder="会员申请成功后看到的提示" />
        </FormField>
      </View>
      <Text className="section-title">年检申请时间</Text>
      <View className="card notice__window">
        {/* NutUI's Segmented drops its className: the wrapper carries it. */}
        <View className="notice__window-year">
          <Segmented
            value={windowYear ?? data.windows[0]!.year}
            options={data.windows.map((window) => ({ label: `${window.year}年度`, value: window.year }))}
            onChange={(value) => chooseWindowYear(Number(value))}
          />
        </View>
        <FormField label="开始日期" required error={fieldErrors.opensOn}>
          <DateRow
            className="notice__opens"
            title="开始日期"
            value={opensOn}
            from={dateOf(`${(windowYear ?? 0) + 1}-01-01`)}
            to={dateOf(`${(windowYear ?? 0) + 2}-12-31`)}
            initial={dateOf(opensOn || `${(windowYear ?? 0) + 1}-01-01`)}
            onChange={setOpensOn}
          />
        </FormField>
        <FormField label="截止日期" required error={fieldErrors.closesOn}>
          <DateRow
            className="notice__closes"
            title="截止日期"
            value={closesOn}
            from={dateOf(`${(windowYear ?? 0) + 1}-01-01`)}
            to={dateOf(`${(windowYear ?? 0) + 2}-12-31`)}
            initial={dateOf(closesOn || `${(windowYear ?? 0) + 1}-12-31`)}
            onChange={setClosesOn}
          />
        </FormField>
        <Text className="muted notice__window-hint">
          {data.windows.find((window) => window.year === windowYear)?.custom ? '已按本注协设置' : '未设置时为次年1月1日至12月31日'}
          ；期间以外会员不能提交该年度的年检和暂缓年检申请。
        </Text>
      </View>

      <Text className="section-title">上传材料</Text>
      <Cell.Group className="notice__uploads">
        {UPLOAD_SECTIONS.map((section) => (
          <Cell
            key={section.purpose}
            className={`notice__upload notice__upload--${section.purpose}`}
            title={section.label}
            description={section.hint}
            extra={
              <Switch
                checked={uploads[section.purpose]}
                // NutUI names the role and state only for the mini-program's screen reader; H5 needs them as attributes.
                {...{ role: 'switch' }}
                aria-checked={uploads[section.purpose]}
                aria-label={section.label}
                onChange={(open) => setUploads((current) => ({ ...current, [section.purpose]: open }))}
              />
            }
          />
        ))}
      </Cell.Group>

      <Text className="section-title">会员看到的效果</Text>
      <View className="card notice__preview">
        <Text className="notice__preview-title">{APPLY_SUCCESS_TEXT}</Text>
        <Text className="muted notice__preview-text">{notice}</Text>
      </View>
      <Button id="notice-save" type="primary" block loading={saving} disabled={saving} onClick={() => void save()}>
        保存
      </Button>
    </View>
  )
}
