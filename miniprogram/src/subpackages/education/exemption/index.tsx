import { useState } from 'react'
import { learningYearAt } from '@shared/calendar'
import { Text, View } from '@tarojs/components'
import { Picker, TextArea } from '@nutui/nutui-react-taro'
import dayjs from 'dayjs'
import { ExemptionClaimRequest } from '@shared/api/education-schemas'
import { claimableYears, EXEMPTION_REASONS, exemptionHours, exemptionReasonLabel, monthsWithinYear, type ExemptionReason } from '@shared/education'
import { REQUIRED_HOURS_PER_YEAR } from '@shared/hours'
import { call } from '../../../api/client'
import { ChoiceRow } from '../../../components/ChoiceRow'
import { FormField } from '../../../components/FormField'
import { useRequiredSession } from '../../../lib/use-session'
import { validate } from '../../../lib/validate'
import { DateRow } from '../../../components/DateRow'
import { sendClaim, withNothingChosen } from '../form-parts'
import { ProofsAndSubmit, type UploadedProof } from '../Proofs'
import './index.scss'

/** 减免学时 新增 (seed 004): reason, period and proof → once the association approves, the year's required hours go down. */
export default function ExemptionClaimPage() {
  useRequiredSession(['member'])
  const years = claimableYears(learningYearAt(new Date()))
  const [year, setYear] = useState(years[0]!)
  const [reason, setReason] = useState<ExemptionReason | null>(null)
  const [periodFrom, setPeriodFrom] = useState('')
  const [periodTo, setPeriodTo] = useState('')
  const [description, setDescription] = useState('')
  const [proofs, setProofs] = useState<UploadedProof[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [picking, setPicking] = useState<'reason' | 'year' | null>(null)
  const [submitting, setSubmitting] = useState(false)

  const clear = (field: string) => setErrors(({ [field]: _fixed, ...rest }) => rest)
  const monthsInYear = periodFrom && periodTo && periodFrom <= periodTo ? monthsWithinYear(periodFrom, periodTo, year) : null
  // The period may reach beyond the year (e.g. a posting abroad): the server also gets dates from the years around it.
  const pickFrom = new Date(year - 1, 0, 1)
  const pickTo = new Date(year + 1, 11, 31)

  async function submit() {
    const { data, errors: found } = validate(ExemptionClaimRequest, {
      year,
      reason: reason ?? undefined,
      periodFrom,
      periodTo,
      description,
      proofs: proofs.map(({ key, fileName }) => ({ key, fileName })),
    })
    setErrors(
      withNothingChosen(found, {
        reason: { value: reason, message: '请选择减免原因' },
        periodFrom: { value: periodFrom, message: '请选择起始日期' },
        periodTo: { value: periodTo, message: '请选择截止日期' },
      }),
    )
    if (data) await sendClaim(() => call('submitExemptionClaim', { body: data }), setErrors, setSubmitting)
  }

  return (
    <View className="claim-form page">
      <View className="card">
        <FormField label="减免年度" required error={errors.year}>
          <ChoiceRow className="exemption__year" text={`${year}年`} placeholder="" onClick={() => setPicking('year')} />
        </FormField>
        <FormField label="减免原因" required error={errors.reason}>
          <ChoiceRow
            className="exemption__reason"
            text={reason ? exemptionReasonLabel(reason) : ''}
            placeholder="请选择原因"
            onClick={() => setPicking('reason')}
          />
        </FormField>
        <FormField label="起始日期" required error={errors.periodFrom}>
          <DateRow
            className="exemption__from"
            title="起始日期"
            value={periodFrom}
            from={pickFrom}
            to={pickTo}
            initial={new Date(year, 0, 1)}
            onChange={(value) => {
              setPeriodFrom(value)
              clear('periodFrom')
            }}
          />
        </FormField>
        <FormField label="截止日期" required error={errors.periodTo}>
          <DateRow
            className="exemption__to"
            title="截止日期"
            value={periodTo}
            from={pickFrom}
            to={pickTo}
            initial={periodFrom ? dayjs(periodFrom).toDate() : new Date(year, 11, 31)}
            onChange={(value) => {
              setPeriodTo(value)
              clear('periodTo')
            }}
          />
        </FormField>
        {monthsInYear === 0 ? (
          <Text className="claim-form__rule claim-form__rule--warning exemption__estimate">所选期间不在{year}年度内，不能减免该年度学时。</Text>
        ) : null}
        {monthsInYear ? (
          <Text className="claim-form__rule exemption__estimate">
            期间覆盖{year}年度{monthsInYear}个月，审核通过后预计减免{exemptionHours(periodFrom, periodTo, year, REQUIRED_HOURS_PER_YEAR)}
            学时（按月折算，以注协审核为准）。
          </Text>
        ) : null}
        <FormField label="情况说明" required error={errors.description}>
          <Text className="muted">请说明不能完成学时的原因</Text>
        </FormField>
        <TextArea
          className="claim-form__textarea exemption__description"
          value={description}
          onChange={(value) => {
            setDescription(value)
            clear('description')
          }}
          maxLength={500}
          showCount
          placeholder="如住院治疗期间、派驻境外工作单位与期间等"
        />
      </View>

      <ProofsAndSubmit
        submitId="exemption-submit"
        proofs={proofs}
        error={errors.proofs}
        onProofs={(changed) => {
          setProofs(changed)
          clear('proofs')
        }}
        submitting={submitting}
        onSubmit={() => void submit()}
        hint="提交后由所属地方注协审核，通过后减少该年度应完成学时"
      />

      <Picker
        visible={picking === 'reason'}
        title="减免原因"
        options={[EXEMPTION_REASONS.map((each) => ({ value: each.code, label: each.label }))]}
        defaultValue={[reason ?? EXEMPTION_REASONS[0].code]}
        onConfirm={(_options, [value]) => {
          setReason(value as ExemptionReason)
          clear('reason')
        }}
        onClose={() => setPicking(null)}
      />
      <Picker
        visible={picking === 'year'}
        title="减免年度"
        options={[years.map((each) => ({ value: each, label: `${each}年` }))]}
        defaultValue={[year]}
        onConfirm={(_options, [value]) => setYear(Number(value))}
        onClose={() => setPicking(null)}
      />
    </View>
  )
}
