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
import { ResubmitApplicationRequest, SubmitApplicationRequest } from '@shared/api/admission-schemas'
import { CICPA_CODE, CICPA_NAME, LOCAL_ASSOCIATIONS } from '@shared/associations'
import { chinaDate } from '@shared/china-time'
import { validate } from '../../../lib/validate'
import type { FormValues } from '../draft'

export type ChoiceField = 'gender' | 'ethnicity' | 'idType' | 'politicalStatus' | 'region' | 'education' | 'associationCode'
export type DateField = 'birthDate' | 'certificateDate' | 'deregisteredOn'
export type TextField = 'name' | 'idNumber' | 'household' | 'phone' | 'email' | 'workUnit' | 'certificateNo'

const option = (value: string, label = value) => ({ value, label })

export const CHOICES: Record<ChoiceField, { title: string; options: { value: string; label: string }[] }> = {
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

export const isChoice = (field: ChoiceField | DateField): field is ChoiceField => field in CHOICES

export const labelOf = (field: ChoiceField, value: string) => CHOICES[field].options.find((candidate) => candidate.value === value)?.label ?? ''

/** What the form holds, how it changes, and which sheet opens: all a section needs. */
export interface FormKit {
  values: FormValues
  errors: Record<string, string>
  /** Cross-field problems found while typing. */
  problems: Record<string, string>
  update: (changes: Partial<FormValues>) => void
  /** Nothing can be typed until the applicant agrees to the privacy guide. */
  locked: boolean
  /** Opens the sheet for a choice or a date. */
  pick: (field: ChoiceField | DateField) => void
}

/** A valid mainland ID number already says birth date and gender: fill them in. */
export function idNumberChanges(values: FormValues, value: string): Partial<FormValues> {
  const id = value.trim().toUpperCase()
  return values.idType === MAINLAND_ID && !mainlandIdProblem(id)
    ? { idNumber: value, birthDate: birthDateOfId(id) ?? '', gender: genderOfId(id) }
    : { idNumber: value }
}

/** The ID-number problems worth showing while typing: once 18 characters are there, against what else is filled in. */
function crossIdentityProblems(values: FormValues): Record<string, string> {
  if (values.idType !== MAINLAND_ID || values.idNumber.trim().length < 18) return {}
  const problems = identityProblems({
    idType: values.idType,
    idNumber: values.idNumber.trim().toUpperCase(),
    birthDate: values.birthDate,
    gender: values.gender,
  })
  if (!values.birthDate) delete problems.birthDate
  if (!values.gender) delete problems.gender
  return problems
}

export function crossFieldProblems(values: FormValues): Record<string, string> {
  const eligibility = values.certificateDate
    ? eligibilityProblems(
        { certificateDate: values.certificateDate, formerPractising: values.formerPractising, deregisteredOn: values.deregisteredOn || null },
        chinaDate(new Date()),
      )
    : {}
  return { ...crossIdentityProblems(values), ...eligibility }
}

/** The form checked with the schema the server uses, for a first submit or a correction. */
export function checkForm(values: FormValues, ticket: string, resubmitting: boolean) {
  // Unfilled fields go as missing, so the messages read "请填写…" rather than "格式不正确".
  const filled = Object.fromEntries(Object.entries(values).map(([field, value]) => [field, value === '' ? undefined : value]))
  const fields = { ...filled, email: values.email, deregisteredOn: values.formerPractising ? values.deregisteredOn || undefined : null }
  const resubmitCheck = resubmitting ? validate(ResubmitApplicationRequest, { ...fields, resubmitToken: ticket }) : null
  const submitCheck = resubmitting ? null : validate(SubmitApplicationRequest, { ...fields, ticket })
  // The schema checks fields across each other only once every field is there; say it now.
  const errors = { ...crossFieldProblems(values), ...(resubmitCheck?.errors ?? submitCheck?.errors ?? {}) }
  if (!values.photoKey) errors.photoKey = '请上传照片'
  return { errors, resubmit: resubmitCheck?.data, submit: submitCheck?.data }
}
