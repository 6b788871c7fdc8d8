import type { ApplicationInput } from '@shared/api/admission-schemas'

/**
 * The application being typed, kept in memory for as long as the mini-program runs, so that going
 * back to the notice or the verification page and forward again keeps every value. It is not
 * written to storage: it holds an ID number.
 */
export type FormValues = { [K in keyof ApplicationInput]-?: K extends 'formerPractising' ? boolean : string }

export const EMPTY_FORM: FormValues = {
  name: '',
  gender: '',
  ethnicity: '',
  birthDate: '',
  idType: '居民身份证',
  idNumber: '',
  politicalStatus: '',
  region: '',
  household: '',
  phone: '',
  email: '',
  education: '',
  workUnit: '',
  certificateNo: '',
  certificateDate: '',
  formerPractising: false,
  deregisteredOn: '',
  associationCode: '',
  photoKey: '',
}

interface Draft {
  /** From the verification page (or, for a returned application, the progress query). */
  ticket: { value: string; expiresAt: number } | null
  values: FormValues
  photoPreview: string
  /** One per application: a retried submit sends the same key, so the server creates it once. */
  idempotencyKey: string
  /** Set when correcting a returned application. */
  resubmitOf: string | null
}

const newKey = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`

export const draft: Draft = { ticket: null, values: { ...EMPTY_FORM }, photoPreview: '', idempotencyKey: newKey(), resubmitOf: null }

export function hasLiveTicket(): boolean {
  return Boolean(draft.ticket && draft.ticket.expiresAt > Date.now())
}

export function startNewApplication() {
  if (draft.resubmitOf) {
    draft.values = { ...EMPTY_FORM }
    draft.photoPreview = ''
    draft.resubmitOf = null
  }
}

export function startResubmit(businessNo: string, ticket: Draft['ticket'], values: FormValues, photoPreview: string) {
  draft.ticket = ticket
  draft.values = values
  draft.photoPreview = photoPreview
  draft.resubmitOf = businessNo
}

export function clearDraft() {
  draft.ticket = null
  draft.values = { ...EMPTY_FORM }
  draft.photoPreview = ''
  draft.idempotencyKey = newKey()
  draft.resubmitOf = null
}

export const ADMISSION_FORM_PAGE = '/subpackages/admission/form/index'
export const ADMISSION_VERIFY_PAGE = '/subpackages/admission/verify/index'
export const ADMISSION_SUCCESS_PAGE = '/subpackages/admission/success/index'
