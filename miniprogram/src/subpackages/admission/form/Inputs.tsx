import { Input } from '@nutui/nutui-react-taro'
import { ChoiceRow } from '../../../components/ChoiceRow'
import { FormField } from '../../../components/FormField'
import { labelOf, type ChoiceField, type DateField, type FormKit, type TextField } from './fields'

/**
 * A typed field. `problem` is a cross-field problem shown while typing, until a submit marks the
 * field; `onChange` replaces the plain update where one value fills in others.
 */
export function TextInput(props: {
  form: FormKit
  field: TextField
  label: string
  required?: boolean
  placeholder: string
  maxLength: number
  type?: 'text' | 'number' | 'digit' | 'idcard'
  problem?: string
  onChange?: (value: string) => void
}) {
  const { form, field } = props
  return (
    <FormField label={props.label} required={props.required !== false} error={form.errors[field] ?? props.problem}>
      <Input
        className={`admission-form__${field}`}
        value={form.values[field]}
        onChange={props.onChange ?? ((value) => form.update({ [field]: value }))}
        placeholder={props.placeholder}
        maxLength={props.maxLength}
        type={props.type ?? 'text'}
        disabled={form.locked}
        clearable
      />
    </FormField>
  )
}

export function ChoiceInput(props: { form: FormKit; field: ChoiceField; label: string }) {
  const { form, field } = props
  return (
    <FormField label={props.label} required error={form.errors[field]}>
      <ChoiceRow className={`admission-form__${field}`} text={labelOf(field, form.values[field])} placeholder="请选择" onClick={() => form.pick(field)} />
    </FormField>
  )
}

export function DateInput(props: { form: FormKit; field: DateField; label: string; problem?: string }) {
  const { form, field } = props
  return (
    <FormField label={props.label} required error={form.errors[field] ?? props.problem}>
      <ChoiceRow className={`admission-form__${field}`} text={form.values[field]} placeholder="请选择日期" onClick={() => form.pick(field)} />
    </FormField>
  )
}
