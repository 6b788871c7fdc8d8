import Taro from '@tarojs/taro'
import type { ClaimDetail } from '@shared/api/education-schemas'
import { ApiError, showError } from '../../api/client'
import { EDUCATION_PAGES } from '../../lib/education-pages'
import { askToNotify } from '../../lib/subscribe'
import './form-parts.scss'

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
  await askToNotify(['decision'])
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
