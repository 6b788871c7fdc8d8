import { deferred } from '../deferred'
import * as z from 'zod'
import { ADMISSION_STAGES, DECISIONS, EDUCATION_LEVELS, ETHNICITIES, GENDERS, ID_TYPES, identityProblems, POLITICAL_STATUSES, REGIONS } from '../admission'
import { CICPA_CODE, LOCAL_ASSOCIATION_CODES } from '../associations'
import { labelled } from '../validation'
import { AssociationRef, TrailEntry } from './schemas'
import { SubscribeRequest } from './subscription-schemas'

const text = (title: string, max: number) => labelled(z.string().trim().min(1).max(max), title)
const date = (title: string) => labelled(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), title)
/** A picker's value; the message is ours because zod's own for an enum lists the (Chinese) options. */
const choice = <T extends readonly [string, ...string[]]>(options: T, title: string) => labelled(z.enum(options, { error: `请选择${title}` }), title)
const captchaFields = {
  captchaId: deferred(() => text('验证码', 64)),
  captchaCode: deferred(() => text('验证码', 8)),
}

export const ADMISSION_ASSOCIATION_CODES = [...LOCAL_ASSOCIATION_CODES, CICPA_CODE] as [string, ...string[]]

export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024

/** The application form (图 1.4-1): every field but 电子邮箱 is required (* on the screen). */
/** The form, the progress lookup and the member-number lookup all take ID numbers upper-cased, so an 'x' check digit matches. */
const idNumber = deferred(() =>
  labelled(
    z
      .string()
      .trim()
      .min(1)
      .max(30)
      .transform((value) => value.toUpperCase()),
    '证件号码',
  ),
)

export const applicationFields = {
  name: deferred(() => text('姓名', 30)),
  gender: deferred(() => choice(GENDERS, '性别')),
  ethnicity: deferred(() => choice(ETHNICITIES, '民族')),
  birthDate: deferred(() => date('出生日期')),
  idType: deferred(() => choice(ID_TYPES, '证件类型')),
  idNumber,
  politicalStatus: deferred(() => choice(POLITICAL_STATUSES, '政治面貌')),
  region: deferred(() => choice(REGIONS, '所在地区')),
  household: deferred(() => text('户口所在地', 60)),
  phone: deferred(() =>
    labelled(
      z
        .string()
        .trim()
        .regex(/^(1[3-9]\d{9}|\+\d{7,18})$/),
      '手机号码',
    ),
  ),
  email: deferred(() => labelled(z.union([z.literal(''), z.email().max(100)]).optional(), '电子邮箱')),
  education: deferred(() => choice(EDUCATION_LEVELS, '学历')),
  workUnit: deferred(() => text('工作单位', 100)),
  certificateNo: deferred(() => text('全科合格证号', 40)),
  certificateDate: deferred(() => date('全科合格证取得日期')),
  formerPractising: deferred(() => labelled(z.boolean(), '是否曾为执业注册会计师')),
  deregisteredOn: deferred(() => date('停止执业（注销注册）日期').nullable().optional()),
  associationCode: deferred(() => choice(ADMISSION_ASSOCIATION_CODES, '申请加入的协会')),
  photoKey: deferred(() => text('照片', 200)),
}

export const ApplicationFields = deferred(() => z.object(applicationFields))
export type ApplicationFields = z.output<typeof ApplicationFields>
export type ApplicationInput = z.input<typeof ApplicationFields>

/**
 * The cross-field rules of the ID number (check digit agrees with birth date and gender), on screen
 * and server alike. The 5-year limit depends on the day, so the server checks it against its clock
 * and the form against the phone's (`eligibilityProblems`).
 */
function crossFieldChecks(form: ApplicationFields, ctx: z.RefinementCtx) {
  const problems = identityProblems(form)
  for (const [path, message] of Object.entries(problems)) ctx.addIssue({ code: 'custom', path: [path], message })
}

export const ApplicationForm = deferred(() => ApplicationFields.superRefine(crossFieldChecks))

/**
 * From the mini-program only: a `wx.login` code and the applicant's answer to the 审核结果通知
 * prompt, so the decision can reach the applicant's WeChat (they have no account to bind yet).
 */
const applicantWechat = deferred(() => z.object({ code: text('微信登录凭证', 128), results: SubscribeRequest.shape.results.optional() }).optional())

export const SubmitApplicationRequest = deferred(() =>
  z.object({ ...applicationFields, ticket: text('验证信息', 2000), wechat: applicantWechat }).superRefine(crossFieldChecks),
)

export const ResubmitApplicationRequest = deferred(() =>
  z.object({ ...applicationFields, resubmitToken: text('修改凭证', 2000), wechat: applicantWechat }).superRefine(crossFieldChecks),
)

export const BusinessNoParams = deferred(() => z.object({ businessNo: labelled(z.string().trim().min(1).max(32), '业务编号') }))

export const AdmissionVerifyRequest = deferred(() => z.object(captchaFields))

export const AdmissionTicketResponse = deferred(() =>
  z.object({
    /** Proof that this browser passed the captcha; the form's uploads and submit carry it. */
    ticket: z.string(),
    expiresInSeconds: z.number().int(),
  }),
)

export const PhotoUploadRequest = deferred(() =>
  z.object({
    ticket: text('验证信息', 2000),
    contentType: labelled(z.enum(PHOTO_TYPES, { error: '照片仅支持jpg、png格式' }), '照片格式'),
  }),
)

export const PresignedUpload = deferred(() =>
  z.object({
    url: z.string(),
    fields: z.record(z.string(), z.string()),
    key: z.string(),
    maxBytes: z.number().int(),
  }),
)
export type PresignedUpload = z.infer<typeof PresignedUpload>

export const PhotoCheckRequest = deferred(() => z.object({ ticket: text('验证信息', 2000), key: text('照片', 200) }))

export const SubmitApplicationResponse = deferred(() =>
  z.object({
    businessNo: z.string(),
    stage: z.enum(ADMISSION_STAGES),
    stageLabel: z.string(),
  }),
)

export const ProgressByNumberRequest = deferred(() =>
  z.object({
    businessNo: text('业务编号', 32),
    ...captchaFields,
  }),
)

export const ProgressByBasicRequest = deferred(() =>
  z.object({
    name: text('姓名', 30),
    idNumber,
    phone: text('手机号码', 20),
    ...captchaFields,
  }),
)

export const NewMemberAccount = deferred(() =>
  z.object({
    memberNo: z.string(),
    loginName: z.string(),
    /** Shown until the member replaces it at first login; null afterwards. */
    initialPassword: z.string().nullable(),
  }),
)

export const ProgressResponse = deferred(() =>
  z.object({
    businessNo: z.string(),
    nameMasked: z.string(),
    association: AssociationRef,
    stage: z.enum(ADMISSION_STAGES),
    stageLabel: z.string(),
    submittedAt: z.string(),
    updatedAt: z.string(),
    returnReason: z.string().nullable(),
    rejectReason: z.string().nullable(),
    trail: z.array(TrailEntry),
    account: NewMemberAccount.nullable(),
    /** Only for a returned application: what the applicant typed (ID number excepted) and a token to resubmit. */
    resubmit: z
      .object({
        token: z.string(),
        expiresInSeconds: z.number().int(),
        form: ApplicationFields.omit({ idNumber: true }),
      })
      .nullable(),
  }),
)
export type ProgressResponse = z.infer<typeof ProgressResponse>

export const MemberLookupRequest = deferred(() =>
  z.object({
    name: text('姓名', 30),
    idNumber,
    ...captchaFields,
  }),
)

export const MemberLookupResponse = deferred(() => z.object({ memberNo: z.string() }))

export const ReviewParams = deferred(() => z.object({ businessNo: labelled(z.string().trim().min(1).max(32), '业务编号') }))

export const AdmissionReviewResponse = deferred(() =>
  z.object({
    businessNo: z.string(),
    stage: z.enum(ADMISSION_STAGES),
    stageLabel: z.string(),
    /** Sent back with a decision: a decision on a version someone else already changed is refused (409). */
    version: z.number().int(),
    submittedAt: z.string(),
    association: AssociationRef,
    form: ApplicationFields,
    /** A short-lived link to the photo. */
    photoUrl: z.string().nullable(),
    trail: z.array(TrailEntry),
    returnReason: z.string().nullable(),
    /** Which level decides at this stage (null once decided for good). */
    level: z.enum(['local', 'cicpa']).nullable(),
    /** Whether this staff member's level is the one that decides now. */
    canDecide: z.boolean(),
    decisionLabel: z.string(),
  }),
)
export type AdmissionReviewResponse = z.infer<typeof AdmissionReviewResponse>

export const DecisionRequest = deferred(() =>
  z
    .object({
      action: choice(DECISIONS, '审核结果'),
      opinion: labelled(z.string().trim().max(500), '审核意见', { multiline: true }),
      version: labelled(z.number().int().min(0), '版本'),
    })
    .refine((body) => body.action === 'approve' || body.opinion.length > 0, {
      path: ['opinion'],
      message: '退回或不予通过时须填写原因',
    }),
)

/** The application as it is after the decision, with the member number a CICPA approval created. */
export const DecisionResponse = deferred(() =>
  AdmissionReviewResponse.extend({
    memberNo: z.string().nullable(),
  }),
)
