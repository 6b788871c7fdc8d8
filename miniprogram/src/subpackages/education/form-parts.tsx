import { useState } from 'react'
import Taro from '@tarojs/taro'
import { DatePicker } from '@nutui/nutui-react-taro'
import dayjs from 'dayjs'
import type { ClaimDetail } from '@shared/api/education-schemas'
import { ApiError, showError } from '../../api/client'
import { ChoiceRow } from '../../components/ChoiceRow'
import { EDUCATION_PAGES } from '../../lib/education-pages'
import './form-parts.scss'

/** A YYYY-MM-DD date picked from a wheel between `from` and `to`, starting at `initial` until one is chosen. */
export function DateRow(props: { className: string; title: string; value: string; from: Date; to: Date; initial: Date; onChange: (value: string) => void }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <ChoiceRow className={props.className} text={props.value} placeholder="请选择日期" onClick={() => setOpen(true)} />
      {open ? (
        <DatePicker
          visible
          type="date"
          title={props.title}
          showChinese
          startDate={props.from}
          endDate={props.to}
          defaultValue={props.value ? dayjs(props.value).toDate() : props.initial}
          onConfirm={(_options, selected) => props.onChange(selected.map((part) => String(part).padStart(2, '0')).join('-'))}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  )
}

/**
 * The schema's message for an empty choice is about its format (“格式应为YYYY-MM-DD”, “请选择有效的…”);
 * a person who chose nothing yet reads “请选择…” instead.
 */
export function withNothingChosen(errors: Record<string, string>, choices: Record<string, { value: unknown; message: string }>) {
  const result = { ...errors }
  for (const [field, { value, message }] of Object.entries(choices)) if (!value && result[field]) result[field] = message
  return result
}

/** Sends a claim; on success the form gives way to the claim's detail, on refusal the server's field messages show under the fields. */
export async function sendClaim(send: () => Promise<ClaimDetail>, setErrors: (errors: Record<string, string>) => void, setSubmitting: (busy: boolean) => void) {
  setSubmitting(true)
  try {
    const detail = await send()
    void Taro.showToast({ title: '已提交，待所属注协审核', icon: 'none' })
    void Taro.redirectTo({ url: `${EDUCATION_PAGES.claim}?id=${detail.claim.id}` })
  } catch (error) {
    if (error instanceof ApiError) setErrors(error.fieldErrors)
    showError(error)
  } finally {
    setSubmitting(false)
  }
}
