import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useUnload } from '@tarojs/taro'
import { Checkbox, DatePicker, Input, Skeleton } from '@nutui/nutui-react-taro'
import dayjs from 'dayjs'
import { MemberInfo, type MemberInfoDraft } from '@shared/api/inspection-schemas'
import { DEGREES, DOMESTIC_QUALIFICATIONS, EDUCATION_LEVELS, INTERNATIONAL_QUALIFICATIONS } from '@shared/inspection'
import { Button } from '../../../components/Button'
import { ApiError, call, showError } from '../../../api/client'
import { ChoiceRow } from '../../../components/ChoiceRow'
import { FormField } from '../../../components/FormField'
import { PrivacyRefusal, usePrivacyConsent } from '../../../components/PrivacyConsent'
import { INSPECTION_PAGES } from '../../../lib/inspection-pages'
import { useRequiredSession } from '../../../lib/use-session'
import { validate } from '../../../lib/validate'
import { InspectionSteps } from '../Steps'
import './index.scss'

const TABS = [
  { key: 'contact', label: '联系方式' },
  { key: 'work', label: '工作信息' },
  { key: 'education', label: '受教育信息' },
  { key: 'qualifications', label: '资格取得信息' },
] as const
type TabKey = (typeof TABS)[number]['key']

interface Form {
  contact: { mobile: string; email: string; address: string; postcode: string }
  work: { workUnit: string; position: string; workPhone: string; workAddress: string }
  education: { education: string; degree: string; school: string; major: string; graduationDate: string }
  qualifications: { domestic: string[]; domesticOther: string; international: string[]; internationalOther: string }
}

const EMPTY: Form = {
  contact: { mobile: '', email: '', address: '', postcode: '' },
  work: { workUnit: '', position: '', workPhone: '', workAddress: '' },
  education: { education: '', degree: '', school: '', major: '', graduationDate: '' },
  qualifications: { domestic: [], domesticOther: '', international: [], internationalOther: '' },
}

function merge(source: MemberInfoDraft | null | undefined): Form {
  return {
    contact: { ...EMPTY.contact, ...source?.contact },
    work: { ...EMPTY.work, ...source?.work },
    education: { ...EMPTY.education, ...source?.education },
    qualifications: { ...EMPTY.qualifications, ...source?.qualifications },
  }
}

const TEXT_FIELDS: Record<Exclude<TabKey, 'qualifications'>, { field: string; label: string; required?: boolean; type?: 'text' | 'digit' }[]> = {
  contact: [
    { field: 'mobile', label: '手机号码', required: true, type: 'digit' },
    { field: 'email', label: '电子邮箱', required: true },
    { field: 'address', label: '通讯地址', required: true },
    { field: 'postcode', label: '邮政编码', type: 'digit' },
  ],
  work: [
    { field: 'workUnit', label: '工作单位', required: true },
    { field: 'position', label: '职务' },
    { field: 'workPhone', label: '单位电话' },
    { field: 'workAddress', label: '单位地址' },
  ],
  education: [
    { field: 'school', label: '毕业院校', required: true },
    { field: 'major', label: '所学专业', required: true },
  ],
}

/**
 * The draft writes of every instance of this page, one after another. It outlives the page: going
 * back and opening 完善信息 again at once reads the draft only after the last page's writes landed.
 */
let draftWrites: Promise<unknown> = Promise.resolve()

/** One write at a time: a write sent before the previous one answered would name a version already spent. */
function serially<T>(write: () => Promise<T>): Promise<T> {
  const next = draftWrites.then(write)
  draftWrites = next.catch(() => undefined)
  return next
}

/** 完善信息 in four tabs. What is typed is kept as a draft (on 上一步/下一步 and when leaving); 保存 checks the * fields. */
export default function MemberInfoPage() {
  const session = useRequiredSession(['member'])
  const [form, setForm] = useState<Form | null>(null)
  const [tab, setTab] = useState<TabKey>('contact')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)
  const [pickingGraduation, setPickingGraduation] = useState(false)
  // The contact tab asks for the phone number and email: the privacy guide is agreed to first.
  const privacy = usePrivacyConsent(true)
  const dirty = useRef(false)
  const latest = useRef<Form | null>(null)
  latest.current = form
  /** The version of what the screen shows; every write names it, and the answer's becomes the next. */
  const version = useRef(0)

  async function load() {
    const info = await call('memberInfo')
    version.current = info.version
    dirty.current = false
    setForm(merge(info.draft ?? info.saved))
  }

  useDidShow(() => {
    if (!session || session.user.mustChangePassword || form) return
    void draftWrites.then(load).catch(showError)
  })

  /** Another device or tab wrote first: tell the member and show what is saved now rather than overwrite it. */
  async function overtaken(error: unknown) {
    if (!(error instanceof ApiError && error.status === 409)) return false
    showError(error)
    await load().catch(() => undefined)
    return true
  }

  function saveDraft() {
    return serially(async () => {
      if (!dirty.current || !latest.current) return
      dirty.current = false
      try {
        version.current = (await call('saveMemberInfoDraft', { body: { ...(latest.current as MemberInfoDraft), version: version.current } })).version
      } catch (error) {
        if (await overtaken(error)) return
        dirty.current = true
        showError(error)
      }
    })
  }
  useDidHide(() => void saveDraft())
  // Going back unloads the page without hiding it first.
  useUnload(() => void saveDraft())

  if (!form)
    return (
      <View className="info page">
        <View className="card">
          <Skeleton rows={6} animated />
        </View>
      </View>
    )

  function update<S extends keyof Form>(section: S, field: keyof Form[S], value: Form[S][keyof Form[S]]) {
    dirty.current = true
    setForm((previous) => (previous ? { ...previous, [section]: { ...previous[section], [field]: value } } : previous))
    setErrors(({ [`${section}.${String(field)}`]: _fixed, ...rest }) => rest)
  }

  function toggle(list: 'domestic' | 'international', name: string, on: boolean) {
    const current = form!.qualifications[list]
    update('qualifications', list, on ? [...current, name] : current.filter((item) => item !== name))
  }

  const index = TABS.findIndex((candidate) => candidate.key === tab)
  function go(step: number) {
    void saveDraft()
    setTab(TABS[index + step]!.key)
  }

  async function save() {
    // An unchosen 学历/学位 is missing, not an invalid choice.
    const { education, degree } = form!.education
    const { data, errors: found } = validate(MemberInfo, {
      ...form,
      education: { ...form!.education, education: education || undefined, degree: degree || undefined },
    })
    setErrors(found)
    if (!data) {
      const firstTab = TABS.find((candidate) => Object.keys(found).some((key) => key.startsWith(`${candidate.key}.`)))
      if (firstTab) setTab(firstTab.key)
      void Taro.showToast({ title: '请完善带 * 的必填项', icon: 'none' })
      return
    }
    setSaving(true)
    try {
      await serially(async () => {
        version.current = (await call('saveMemberInfo', { body: { ...data, version: version.current } })).version
      })
      dirty.current = false
      void Taro.showToast({ title: '信息已保存', icon: 'success' })
      void Taro.redirectTo({ url: INSPECTION_PAGES.apply })
    } catch (error) {
      if (await overtaken(error)) return
      if (error instanceof ApiError) setErrors(error.fieldErrors)
      showError(error)
    } finally {
      setSaving(false)
    }
  }

  const chips = (section: 'education', field: 'education' | 'degree', options: readonly string[]) => (
    <View className="info__chips">
      {options.map((option) => (
        <Text key={option} className={`info__chip ${form.education[field] === option ? 'info__chip--on' : ''}`} onClick={() => update(section, field, option)}>
          {option}
        </Text>
      ))}
    </View>
  )

  return (
    <View className="info page">
      <InspectionSteps current="完善信息" />
      <View className="info__tabs">
        {TABS.map((candidate) => (
          <Text
            key={candidate.key}
            className={`info__tab info__tab--${candidate.key} ${tab === candidate.key ? 'info__tab--on' : ''}`}
            onClick={() => {
              void saveDraft()
              setTab(candidate.key)
            }}
          >
            {candidate.label}
          </Text>
        ))}
      </View>

      <View className="card info__form">
        {privacy.refused ? <PrivacyRefusal action="填写手机号码、电子邮箱等联系信息" /> : null}
        {tab === 'education' ? (
          <>
            <FormField label="学历" required error={errors['education.education']}>
              {chips('education', 'education', EDUCATION_LEVELS)}
            </FormField>
            <FormField label="学位" required error={errors['education.degree']}>
              {chips('education', 'degree', DEGREES)}
            </FormField>
          </>
        ) : null}
        {tab !== 'qualifications'
          ? TEXT_FIELDS[tab].map(({ field, label, required, type }) => (
              <FormField key={field} label={label} required={required} error={errors[`${tab}.${field}`]}>
                <Input
                  className={`info__input info__input--${field}`}
                  disabled={!privacy.agreed}
                  type={type ?? 'text'}
                  value={(form[tab] as Record<string, string>)[field]}
                  onChange={(value) => update(tab, field as never, value as never)}
                  placeholder={`请输入${label}`}
                />
              </FormField>
            ))
          : null}
        {tab === 'education' ? (
          <FormField label="毕业时间" required error={errors['education.graduationDate']}>
            <ChoiceRow
              className="info__graduation"
              text={form.education.graduationDate}
              placeholder="请选择毕业年月"
              onClick={() => setPickingGraduation(true)}
            />
          </FormField>
        ) : null}
        {tab === 'qualifications' ? (
          <>
            <Text className="info__group">国内资格</Text>
            {DOMESTIC_QUALIFICATIONS.map((name) => (
              <Checkbox
                key={name}
                className="info__check"
                checked={form.qualifications.domestic.includes(name)}
                onChange={(on) => toggle('domestic', name, on)}
                label={name}
              />
            ))}
            <FormField label="其他（可填）" error={errors['qualifications.domesticOther']}>
              <Input
                className="info__input info__input--domesticOther"
                value={form.qualifications.domesticOther}
                onChange={(value) => update('qualifications', 'domesticOther', value)}
                placeholder="其他国内资格"
              />
            </FormField>
            <Text className="info__group">国际资格</Text>
            {INTERNATIONAL_QUALIFICATIONS.map((name) => (
              <Checkbox
                key={name}
                className="info__check"
                checked={form.qualifications.international.includes(name)}
                onChange={(on) => toggle('international', name, on)}
                label={name}
              />
            ))}
            <FormField label="其他（可填）" error={errors['qualifications.internationalOther']}>
              <Input
                className="info__input info__input--internationalOther"
                value={form.qualifications.internationalOther}
                onChange={(value) => update('qualifications', 'internationalOther', value)}
                placeholder="其他国际资格"
              />
            </FormField>
          </>
        ) : null}
      </View>
      {pickingGraduation ? (
        <DatePicker
          visible
          type="year-month"
          title="毕业时间"
          showChinese
          startDate={new Date(1950, 0, 1)}
          endDate={new Date()}
          defaultValue={form.education.graduationDate ? dayjs(`${form.education.graduationDate}-01`).toDate() : dayjs().subtract(10, 'year').toDate()}
          onConfirm={(_options, selected) => update('education', 'graduationDate', selected.map((part) => String(part).padStart(2, '0')).join('-'))}
          onClose={() => setPickingGraduation(false)}
        />
      ) : null}

      <View className="info__buttons">
        <Button id="info-prev" className="info__button" fill="outline" disabled={index === 0} onClick={() => go(-1)}>
          上一步
        </Button>
        {index < TABS.length - 1 ? (
          <Button id="info-next" className="info__button" type="primary" onClick={() => go(1)}>
            下一步
          </Button>
        ) : (
          <Button id="info-save" className="info__button" type="primary" loading={saving} disabled={saving || !privacy.agreed} onClick={() => void save()}>
            保存并去申请
          </Button>
        )}
      </View>
      <Text className="muted info__hint">带 * 的为必填项；填写内容会自动保存为草稿</Text>
      {privacy.popup}
    </View>
  )
}
