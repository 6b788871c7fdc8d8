import { DatePicker, Picker } from '@nutui/nutui-react-taro'
import dayjs from 'dayjs'
import type { FormValues } from '../draft'
import { CHOICES, isChoice, type ChoiceField, type DateField } from './fields'

const DATE_TITLES: Record<DateField, string> = { birthDate: '出生日期', certificateDate: '全科合格证取得日期', deregisteredOn: '停止执业（注销注册）日期' }
const DATE_DEFAULTS: Record<DateField, () => Date> = {
  birthDate: () => new Date(1995, 0, 1),
  certificateDate: () => new Date(),
  deregisteredOn: () => new Date(),
}

/** The sheet for the choice or date being picked, if any. */
export function FormPickers(props: {
  values: FormValues
  picking: ChoiceField | DateField | null
  update: (changes: Partial<FormValues>) => void
  onClose: () => void
}) {
  const { values, picking, update } = props
  if (!picking) return null
  return isChoice(picking) ? (
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
      onClose={props.onClose}
    />
  ) : (
    <DatePicker
      key={picking}
      visible
      type="date"
      title={DATE_TITLES[picking]}
      showChinese
      startDate={new Date(1940, 0, 1)}
      endDate={new Date()}
      defaultValue={values[picking] ? dayjs(values[picking]).toDate() : DATE_DEFAULTS[picking]()}
      onConfirm={(_options, selected) => update({ [picking]: selected.map((part) => String(part).padStart(2, '0')).join('-') })}
      onClose={props.onClose}
    />
  )
}
