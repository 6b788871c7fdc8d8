import type { BindingOutcome, ProofType, RESET_USER_TYPES, ResetStartResponse } from '@shared/api/reset-schemas'

export type Method = 'wechat' | 'sms' | 'identity'
export type UserType = (typeof RESET_USER_TYPES)[number]
type ResetResult = { username: string; wechat: BindingOutcome; officialAccount: BindingOutcome; followQr: string | null }
/**
 * The official account's web authorization on the password step (H5 inside WeChat only): not yet
 * asked, or back from WeChat with the identity kept by the server, or back without one.
 */
export type OfficialAccountStatus = 'idle' | 'authorized' | 'failed'

/** What the member types; kept across steps so that 重新开始 does not wipe the member number. */
interface ResetFields {
  userType: UserType
  memberNo: string
  phone: string
  code: string
  name: string
  idNumber: string
  proofType: ProofType
  proofValue: string
  newPassword: string
  confirmation: string
}

interface Shared {
  fields: ResetFields
  errors: Record<string, string>
  formError: string
  busy: boolean
}

/** Each step carries what it needs: only the verify and password steps hold a started flow. */
export type ResetState = Shared &
  (
    | { step: 'account' }
    | { step: 'verify'; flow: ResetStartResponse; method: Method; codeSent: boolean }
    | { step: 'password'; flow: ResetStartResponse; officialAccount: OfficialAccountStatus }
    | { step: 'done'; result: ResetResult }
  )

export type StepState<S extends ResetState['step']> = Extract<ResetState, { step: S }>

export type ResetAction =
  | { type: 'edit'; fields: Partial<ResetFields> }
  | { type: 'invalid'; errors: Record<string, string> }
  | { type: 'sending' }
  | { type: 'failed'; message: string; fieldErrors: Record<string, string> }
  | { type: 'settled' }
  | { type: 'started'; flow: ResetStartResponse }
  | { type: 'chooseMethod'; method: Method }
  | { type: 'codeSent' }
  | { type: 'verified' }
  | { type: 'reset'; result: ResetResult }
  | { type: 'authorizationFailed' }
  /** Back on the page from WeChat's authorization, with the verified flow kept in the tab (nothing else typed is kept). */
  | { type: 'returned'; flow: ResetStartResponse; userType: UserType; memberNo: string; officialAccount: OfficialAccountStatus; message: string }
  | { type: 'restart'; message: string }

export function initialResetState(userType: UserType): ResetState {
  return {
    step: 'account',
    fields: { userType, memberNo: '', phone: '', code: '', name: '', idNumber: '', proofType: 'email', proofValue: '', newPassword: '', confirmation: '' },
    errors: {},
    formError: '',
    busy: false,
  }
}

const shared = ({ fields, errors, formError, busy }: ResetState): Shared => ({ fields, errors, formError, busy })

/** The common part with the code cleared: a code belongs to one flow and one channel. */
const withoutCode = (state: ResetState): Shared => ({ ...shared(state), fields: { ...state.fields, code: '' }, errors: {}, formError: '' })

export function resetReducer(state: ResetState, action: ResetAction): ResetState {
  switch (action.type) {
    case 'edit':
      return { ...state, fields: { ...state.fields, ...action.fields } }
    case 'invalid':
      return { ...state, errors: action.errors }
    case 'sending':
      return { ...state, formError: '', busy: true }
    case 'settled':
      return { ...state, busy: false }
    case 'failed':
      // An expired or unknown flow cannot go on: back to the member number, saying why.
      if (action.fieldErrors.resetId) return resetReducer(state, { type: 'restart', message: action.message })
      return { ...state, errors: action.fieldErrors, formError: Object.keys(action.fieldErrors).length ? '' : action.message }
    case 'started': {
      const base = withoutCode(state)
      const method = action.flow.wechatBound ? 'wechat' : 'sms'
      return { ...base, fields: { ...base.fields, proofType: action.flow.proofTypes[0]! }, step: 'verify', flow: action.flow, method, codeSent: false }
    }
    case 'chooseMethod':
      return state.step === 'verify' ? { ...state, ...withoutCode(state), method: action.method, codeSent: false } : state
    case 'codeSent':
      return state.step === 'verify' ? { ...state, codeSent: true } : state
    case 'verified':
      return state.step === 'verify' ? { ...shared(state), errors: {}, step: 'password', flow: state.flow, officialAccount: 'idle' } : state
    case 'reset':
      return state.step === 'password' ? { ...shared(state), step: 'done', result: action.result } : state
    case 'authorizationFailed':
      return state.step === 'password' ? { ...state, officialAccount: 'failed' } : state
    case 'returned': {
      const initial = initialResetState(action.userType)
      return {
        ...initial,
        fields: { ...initial.fields, memberNo: action.memberNo },
        formError: action.message,
        step: 'password',
        flow: action.flow,
        officialAccount: action.officialAccount,
      }
    }
    case 'restart':
      return { ...withoutCode(state), formError: action.message, step: 'account' }
  }
}
