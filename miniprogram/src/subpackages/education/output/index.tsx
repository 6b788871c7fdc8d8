import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Cell, Input, InputNumber, Popup, Segmented, TextArea } from '@nutui/nutui-react-taro'
import { learningYearAt } from '@shared/calendar'
import { OutputClaimRequest } from '@shared/api/education-schemas'
import { claimableYears, OUTPUT_CATEGORIES, outputCategory, outputRule, roundHours, type OutputCategoryCode } from '@shared/education'
import { call } from '../../../api/client'
import { ChoiceRow } from '../../../components/ChoiceRow'
import { FormField } from '../../../components/FormField'
import { useRequiredSession } from '../../../lib/use-session'
import { validate } from '../../../lib/validate'
import { DateRow } from '../../../components/DateRow'
import { sendClaim, withNothingChosen } from '../form-parts'
import { ProofsAndSubmit, type UploadedProof } from '../Proofs'
import './index.scss'

/** 产出式学时 新增 (seed 004): category with its hour rule and yearly cap, what was achieved, proofs → the association reviews it. */
export default function OutputClaimPage() {
  useRequiredSession(['member'])
  const [category, setCategory] = useState<OutputCategoryCode | null>(null)
  const [title, setTitle] = useState('')
  const [activityDate, setActivityDate] = useState('')
  const [quantity, setQuantity] = useState(1)
  const [description, setDescription] = useState('')
  const [proofs, setProofs] = useState<UploadedProof[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [choosing, setChoosing] = useState(false)
  const [submitting, setSubmitting] = useState(false)

  const chosen = category ? outputCategory(category) : null
  const years = claimableYears(learningYearAt(new Date()))
  // What was achieved late in a year is often claimed in the next: the year comes first, the date within it.
  const [year, setYear] = useState(years[0]!)
  const clear = (field: string) => setErrors(({ [field]: _fixed, ...rest }) => rest)

  async function submit() {
    const { data, errors: found } = validate(OutputClaimRequest, {
      category: category ?? undefined,
      title,
      activityDate,
      quantity,
      description,
      proofs: proofs.map(({ key, fileName }) => ({ key, fileName })),
    })
    setErrors(
      withNothingChosen(found, {
        category: { value: category, message: '请选择产出类别' },
        activityDate: { value: activityDate, message: '请选择取得日期' },
      }),
    )
    if (data) await sendClaim(() => call('submitOutputClaim', { body: data }), setErrors, setSubmitting)
  }

  return (
    <View className="claim-form page">
      <View className="card">
        <FormField label="产出类别" required error={errors.category}>
          <ChoiceRow className="output__category" text={chosen?.name ?? ''} placeholder="请选择类别" onClick={() => setChoosing(true)} />
        </FormField>
        {chosen ? (
          <Text className="claim-form__rule output__rule">认定标准：{outputRule(chosen)}。当年已认可的同类学时计入上限，超出部分不予认可。</Text>
        ) : null}
        <FormField label="成果名称" required error={errors.title}>
          <Input
            className="output__title"
            value={title}
            onChange={(value) => {
              setTitle(value)
              clear('title')
            }}
            placeholder="如文章题目、课题名称"
            maxLength={100}
          />
        </FormField>
        <FormField label="取得年度" required>
          {/* NutUI's Segmented drops its className: the wrapper carries it. */}
          <View className="output__year">
            <Segmented
              value={year}
              options={years.map((option) => ({ label: `${option}年度`, value: option }))}
              onChange={(value) => {
                setYear(Number(value))
                setActivityDate('')
              }}
            />
          </View>
        </FormField>
        <FormField label="取得日期" required error={errors.activityDate}>
          <DateRow
            key={year}
            className="output__date"
            title="取得日期"
            value={activityDate}
            from={new Date(year, 0, 1)}
            to={year === years[0] ? new Date() : new Date(year, 11, 31)}
            initial={year === years[0] ? new Date() : new Date(year, 11, 31)}
            onChange={(value) => {
              setActivityDate(value)
              clear('activityDate')
            }}
          />
        </FormField>
        <FormField label="数量" required error={errors.quantity} extra={<Text className="muted output__unit">{chosen?.unit ?? ''}</Text>}>
          <InputNumber className="output__quantity" value={quantity} min={1} max={99} onChange={(value) => setQuantity(Number(value))} />
        </FormField>
        {chosen ? (
          <Text className="output__estimate">
            申报 {roundHours(quantity * chosen.hoursPerUnit)} 学时
            {quantity * chosen.hoursPerUnit > chosen.yearlyCap ? `（超过每年${chosen.yearlyCap}学时上限，最多认可${chosen.yearlyCap}学时）` : ''}
          </Text>
        ) : null}
        <FormField label="情况说明" error={errors.description}>
          <Text className="muted">选填</Text>
        </FormField>
        <TextArea
          className="claim-form__textarea output__description"
          value={description}
          onChange={setDescription}
          maxLength={500}
          showCount
          placeholder="如刊物名称与期号、授课时间地点等"
        />
      </View>

      <ProofsAndSubmit
        submitId="output-submit"
        proofs={proofs}
        error={errors.proofs}
        onProofs={(changed) => {
          setProofs(changed)
          clear('proofs')
        }}
        submitting={submitting}
        onSubmit={() => void submit()}
        hint="提交后由所属地方注协审核，通过后计入学时查询"
      />

      <Popup visible={choosing} position="bottom" round closeable title="选择产出类别" onClose={() => setChoosing(false)}>
        <View className="output__categories">
          {OUTPUT_CATEGORIES.map((candidate) => (
            <Cell
              key={candidate.code}
              className={`output__option output__option--${candidate.code} ${candidate.code === category ? 'output__option--on' : ''}`}
              title={candidate.name}
              description={outputRule(candidate)}
              clickable
              onClick={() => {
                setCategory(candidate.code)
                clear('category')
                setChoosing(false)
              }}
            />
          ))}
        </View>
      </Popup>
    </View>
  )
}
