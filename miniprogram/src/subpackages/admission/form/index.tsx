import { useEffect, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, DatePicker, Input, NoticeBar, Picker, Progress, Switch } from '@nutui/nutui-react-taro'
import dayjs from 'dayjs'
import {
  birthDateOfId,
  EDUCATION_LEVELS,
  eligibilityProblems,
  ETHNICITIES,
  GENDERS,
  genderOfId,
  ID_TYPES,
  identityProblems,
  MAINLAND_ID,
  mainlandIdProblem,
  POLITICAL_STATUSES,
  REGIONS,
} from '@shared/admission'
import { PHOTO_MAX_BYTES, ResubmitApplicationRequest, SubmitApplicationRequest } from '@shared/api/admission-schemas'
import { CICPA_CODE, CICPA_NAME, LOCAL_ASSOCIATIONS } from '@shared/associations'
import { chinaDate } from '@shared/china-time'
import { firstFieldError } from '@shared/validation'
import { ApiError, call } from '../../../api/client'
import { ChoiceRow } from '../../../components/ChoiceRow'
import { FormField } from '../../../components/FormField'
import { validate } from '../../../lib/validate'
import { ADMISSION_SUCCESS_PAGE, ADMISSION_VERIFY_PAGE, clearDraft, draft, hasLiveTicket, type FormValues } from '../draft'
import '../admission.scss'
import './index.scss'

type ChoiceField = 'gender' | 'ethnicity' | 'idType' | 'politicalStatus' | 'region' | 'education' | 'associationCode'
type DateField = 'birthDate' | 'certificateDate' | 'deregisteredOn'
type TextField = 'name' | 'idNumber' | 'household' | 'phone' | 'email' | 'workUnit' | 'certificateNo'

const option = (value: string, label = value) => ({ value, label })

const CHOICES: Record<ChoiceField, { title: string; options: { value: string; label: string }[] }> = {
  gender: { title: '性别', options: GENDERS.map((value) => option(value)) },
  ethnicity: { title: '民族', options: ETHNICITIES.map((value) => option(value)) },
  idType: { title: '证件类型', options: ID_TYPES.map((value) => option(value)) },
  politicalStatus: { title: '政治面貌', options: POLITICAL_STATUSES.map((value) => option(value)) },
  region: { title: '所在地区', options: REGIONS.map((value) => option(value)) },
  education: { title: '学历', options: EDUCATION_LEVELS.map((value) => option(value)) },
  associationCode: {
    title: '申请加入的协会',
    options: [...LOCAL_ASSOCIATIONS.map((association) => option(association.code, association.name)), option(CICPA_CODE, `${CICPA_NAME}（境外申请人）`)],
  },
}

const DATE_TITLES: Record<DateField, string> = { birthDate: '出生日期', certificateDate: '全科合格证取得日期', deregisteredOn: '停止执业（注销注册）日期' }
const DATE_DEFAULTS: Record<DateField, () => Date> = {
  birthDate: () => new Date(1995, 0, 1),
  certificateDate: () => new Date(),
  deregisteredOn: () => new Date(),
}

/** The ID-number problems worth showing while typing: once 18 characters are there, against what else is filled in. */
function crossIdentityProblems(values: FormValues): Record<string, string> {
  if (values.idType !== MAINLAND_ID || values.idNumber.trim().length < 18) return {}
  const problems = identityProblems({ idType: values.idType, idNumber: values.idNumber.trim().toUpperCase(), birthDate: values.birthDate, gender: values.gender })
  if (!values.birthDate) delete problems.birthDate
  if (!values.gender) delete problems.gender
  return problems
}

const labelOf = (field: ChoiceField, value: string) => CHOICES[field].options.find((candidate) => candidate.value === value)?.label ?? ''

/** 填写申请单 (seed 000, 1.4): fields with * are required; checked here and again by the server with the same schema. */
export default function AdmissionFormPage() {
  const [values, setValues] = useState<FormValues>(() => draft.values)
  const [photoPreview, setPhotoPreview] = useState(draft.photoPreview)
  const [uploadPercent, setUploadPercent] = useState<number | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [picking, setPicking] = useState<ChoiceField | null>(null)
  const [pickingDate, setPickingDate] = useState<DateField | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const [ticketLive, setTicketLive] = useState(hasLiveTicket())
  const resubmitOf = draft.resubmitOf

  useEffect(() => {
    draft.values = values
  }, [values])
  useEffect(() => {
    draft.photoPreview = photoPreview
  }, [photoPreview])
  useEffect(() => {
    if (resubmitOf) void Taro.setNavigationBarTitle({ title: '修改入会申请' })
  }, [resubmitOf])
  // Coming back from re-verification brings a new ticket.
  useDidShow(() => setTicketLive(hasLiveTicket()))

  function update(changes: Partial<FormValues>) {
    setValues((previous) => ({ ...previous, ...changes }))
    setErrors((previous) => {
      const rest = { ...previous }
      for (const field of Object.keys(changes)) delete rest[field]
      return rest
    })
  }

  /** A valid mainland ID number already says birth date and gender: fill them in. */
  function changeIdNumber(value: string) {
    const id = value.trim().toUpperCase()
    if (values.idType === MAINLAND_ID && !mainlandIdProblem(id)) update({ idNumber: value, birthDate: birthDateOfId(id) ?? '', gender: genderOfId(id) })
    else update({ idNumber: value })
  }

  function reverify() {
    void Taro.navigateTo({ url: ADMISSION_VERIFY_PAGE })
  }

  async function choosePhoto() {
    if (!hasLiveTicket() || !draft.ticket) {
      setTicketLive(false)
      return
    }
    const ticket = draft.ticket.value
    const chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] }).catch(() => null)
    const file = chosen?.tempFiles[0]
    if (!file) return
    if (file.size > PHOTO_MAX_BYTES) {
      setErrors((previous) => ({ ...previous, photoKey: '照片不能超过2MB，请压缩后重新上传' }))
      return
    }
    const declared = (file as { type?: string }).type ?? ''
    const contentType = declared === 'image/png' || /\.png$/i.test(file.path) ? 'image/png' : 'image/jpeg'
    setUploadPercent(0)
    try {
      const presigned = await call('admissionPhotoUpload', { body: { ticket, contentType } })
      await new Promise<void>((resolve, reject) => {
        const task = Taro.uploadFile({
          url: presigned.url,
          filePath: file.path,
          name: 'file',
          formData: presigned.fields,
          // A presigned POST needs no cookies, and the bucket's CORS answers any origin ('*'), which browsers refuse with credentials.
          withCredentials: false,
          success: (result) => (result.statusCode < 300 ? resolve() : reject(new Error(String(result.statusCode)))),
          fail: reject,
        })
        task.progress(({ progress }) => setUploadPercent(progress))
      })
      // The server reads the file's size and first bytes: a renamed document is refused and deleted.
      await call('admissionPhotoCheck', { body: { ticket, key: presigned.key } })
      update({ photoKey: presigned.key })
      setPhotoPreview(file.path)
    } catch (error) {
      const message = error instanceof ApiError ? (error.fieldErrors.photoKey ?? error.message) : '照片上传失败，请检查网络后重试'
      setErrors((previous) => ({ ...previous, photoKey: message }))
    } finally {
      setUploadPercent(null)
    }
  }

  async function submit() {
    if (!hasLiveTicket() || !draft.ticket) {
      setTicketLive(false)
      return
    }
    // Unfilled fields go as missing, so the messages read "请填写…" rather than "格式不正确".
    const filled = Object.fromEntries(Object.entries(values).map(([field, value]) => [field, value === '' ? undefined : value]))
    const fields = { ...filled, email: values.email, deregisteredOn: values.formerPractising ? values.deregisteredOn || undefined : null }
    const resubmitCheck = resubmitOf ? validate(ResubmitApplicationRequest, { ...fields, resubmitToken: draft.ticket.value }) : null
    const submitCheck = resubmitOf ? null : validate(SubmitApplicationRequest, { ...fields, ticket: draft.ticket.value })
    // The schema checks fields across each other only once every field is there; say it now.
    const found = { ...identity, ...eligibility, ...(resubmitCheck?.errors ?? submitCheck?.errors ?? {}) }
    if (!values.photoKey) found.photoKey = '请上传照片'
    setErrors(found)
    if (!resubmitCheck?.data && !submitCheck?.data) {
      void Taro.showToast({ title: firstFieldError(found), icon: 'none', duration: 2500 })
      return
    }
    setSubmitting(true)
    try {
      const result =
        resubmitOf && resubmitCheck?.data
          ? await call('admissionResubmit', { params: { businessNo: resubmitOf }, body: resubmitCheck.data })
          : await call('admissionSubmit', { body: submitCheck!.data!, headers: { 'idempotency-key': draft.idempotencyKey } })
      clearDraft()
      void Taro.redirectTo({ url: `${ADMISSION_SUCCESS_PAGE}?businessNo=${result.businessNo}${resubmitOf ? '&resubmitted=1' : ''}` })
    } catch (error) {
      const failure = error instanceof ApiError ? error : new ApiError(500, 'INTERNAL', '系统繁忙，请稍后再试')
      setErrors(failure.fieldErrors)
      void Taro.showToast({ title: failure.message, icon: 'none', duration: 3000 })
    } finally {
      setSubmitting(false)
    }
  }

  const identity = crossIdentityProblems(values)
  const eligibility = values.certificateDate
    ? eligibilityProblems({ certificateDate: values.certificateDate, formerPractising: values.formerPractising, deregisteredOn: values.deregisteredOn || null }, chinaDate(new Date()))
    : {}

  const text = (field: TextField, label: string, props: { required?: boolean; placeholder: string; maxLength: number; type?: 'text' | 'number' | 'digit' | 'idcard' }) => (
    <FormField label={label} required={props.required !== false} error={errors[field] ?? (field === 'idNumber' ? identity.idNumber : undefined)}>
      <Input
        className={`admission-form__${field}`}
        value={values[field]}
        onChange={field === 'idNumber' ? changeIdNumber : (value) => update({ [field]: value })}
        placeholder={props.placeholder}
        maxLength={props.maxLength}
        type={props.type ?? 'text'}
        clearable
      />
    </FormField>
  )

  const choice = (field: ChoiceField, label: string) => (
    <FormField label={label} required error={errors[field]}>
      <ChoiceRow className={`admission-form__${field}`} text={labelOf(field, values[field])} placeholder="请选择" onClick={() => setPicking(field)} />
    </FormField>
  )

  const date = (field: DateField, label: string, extraError?: string) => (
    <FormField label={label} required error={errors[field] ?? extraError}>
      <ChoiceRow className={`admission-form__${field}`} text={values[field]} placeholder="请选择日期" onClick={() => setPickingDate(field)} />
    </FormField>
  )

  return (
    <View className="admission admission-form page">
      {resubmitOf ? (
        <NoticeBar className="admission-form__resubmit" content={`正在修改业务编号 ${resubmitOf} 的申请：请按退回原因修改，并重新输入证件号码后提交。`} wrap />
      ) : null}
      {!ticketLive ? (
        <View className="card admission-form__expired">
          <Text className="error-text">验证信息已过期（30分钟有效），请重新验证后提交；已填写的内容会保留。</Text>
          <Button id="reverify" size="small" type="primary" onClick={reverify}>
            重新验证
          </Button>
        </View>
      ) : null}

      <Text className="section-title">基本信息</Text>
      <View className="card">
        {text('name', '姓名', { placeholder: '与证件一致', maxLength: 30 })}
        {choice('gender', '性别')}
        {choice('ethnicity', '民族')}
        {date('birthDate', '出生日期')}
        {choice('politicalStatus', '政治面貌')}
        {choice('education', '学历')}
      </View>

      <Text className="section-title">证件信息</Text>
      <View className="card">
        {choice('idType', '证件类型')}
        {text('idNumber', '证件号码', { placeholder: values.idType === MAINLAND_ID ? '18位居民身份证号码' : '请输入证件号码', maxLength: 30, type: values.idType === MAINLAND_ID ? 'idcard' : 'text' })}
      </View>

      <Text className="section-title">联系与工作</Text>
      <View className="card">
        {choice('region', '所在地区')}
        {text('household', '户籍地', { placeholder: '如 浙江省杭州市', maxLength: 60 })}
        {text('phone', '手机号码', { placeholder: '11位手机号码', maxLength: 20, type: 'number' })}
        {text('email', '电子邮箱', { required: false, placeholder: '选填', maxLength: 100 })}
        {text('workUnit', '工作单位', { placeholder: '单位全称', maxLength: 100 })}
      </View>

      <Text className="section-title">资格与入会</Text>
      <View className="card">
        {text('certificateNo', '合格证号', { placeholder: '全科合格证号（证书丢失可直接填写）', maxLength: 40 })}
        {date('certificateDate', '取得日期', eligibility.certificateDate)}
        <FormField label="曾执业" error={errors.formerPractising}>
          <View className="admission-form__switch">
            <Text className="muted">曾为执业注册会计师</Text>
            <Switch className="admission-form__former" checked={values.formerPractising} onChange={(checked) => update({ formerPractising: checked })} />
          </View>
        </FormField>
        {values.formerPractising ? date('deregisteredOn', '注销日期', eligibility.deregisteredOn) : null}
        {choice('associationCode', '所属注协')}
        <Text className="muted admission-form__note">境外考生请选择“中国注册会计师协会（境外申请人）”。</Text>
      </View>

      <Text className="section-title">照片</Text>
      <View className="card">
        <FormField label="照片" required error={errors.photoKey}>
          <Text className="muted">近期白底免冠证件照，jpg/png，不超过2MB</Text>
        </FormField>
        <View className="admission-form__photo-row">
          {photoPreview ? (
            <Image className="admission-form__photo" src={photoPreview} mode="aspectFill" />
          ) : (
            <View className="admission-form__photo admission-form__photo--empty">
              <Text className="muted">{values.photoKey ? '已上传' : '未上传'}</Text>
            </View>
          )}
          <Button id="photo-choose" size="small" type="primary" fill="outline" disabled={uploadPercent !== null || !ticketLive} onClick={() => void choosePhoto()}>
            {values.photoKey ? '重新上传' : '上传照片'}
          </Button>
        </View>
        {uploadPercent !== null ? (
          <View className="admission-form__progress">
            <Text className="muted">上传中 {uploadPercent}%</Text>
            <Progress percent={uploadPercent} />
          </View>
        ) : null}
      </View>

      <Button id="application-submit" type="primary" block loading={submitting} disabled={submitting || uploadPercent !== null || !ticketLive} onClick={() => void submit()}>
        {resubmitOf ? '重新提交' : '提交申请'}
      </Button>
      <Text className="muted admission__hint">
        {!ticketLive ? '验证信息已过期，请先重新验证' : uploadPercent !== null ? '照片上传中，请稍候' : '带 * 为必填项，提交前请核对'}
      </Text>

      {picking ? (
        <Picker
          key={picking}
          visible
          title={CHOICES[picking].title}
          options={[CHOICES[picking].options]}
          // Confirming without scrolling takes the option shown first.
          defaultValue={[values[picking] || CHOICES[picking].options[0]!.value]}
          onConfirm={(_options, [value]) => {
            if (value !== null && value !== undefined) update({ [picking]: String(value) })
          }}
          onClose={() => setPicking(null)}
        />
      ) : null}
      {pickingDate ? (
        <DatePicker
          key={pickingDate}
          visible
          type="date"
          title={DATE_TITLES[pickingDate]}
          showChinese
          startDate={new Date(1940, 0, 1)}
          endDate={new Date()}
          defaultValue={values[pickingDate] ? dayjs(values[pickingDate]).toDate() : DATE_DEFAULTS[pickingDate]()}
          onConfirm={(_options, selected) => update({ [pickingDate]: selected.map((part) => String(part).padStart(2, '0')).join('-') })}
          onClose={() => setPickingDate(null)}
        />
      ) : null}
    </View>
  )
}
