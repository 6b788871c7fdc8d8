import { deferred } from '../deferred'
import * as z from 'zod'
import { INSPECTION_ID_PATTERN } from '../inspection'
import { INVALID_CODE_HEADLINE, QR_TOKEN_MAX_LENGTH } from '../qr-token'
import { labelled } from '../validation'
import { TrailEntry } from './schemas'

/** What a member's own QR screens show (the code itself plus what the seed's screen prints). */
/** Which year's code (历年年检结果查询 → 【二维码】); without it, the latest year's. */
export const InspectionQrQuery = deferred(() => z.object({ id: labelled(z.string().regex(INSPECTION_ID_PATTERN).optional(), '年检申请编号') }))

export const InspectionQrResponse = deferred(() =>
  z.object({
    token: z.string(),
    url: z.string(),
    /** PNG data URL of the QR code */
    image: z.string(),
    nameMasked: z.string(),
    association: z.string(),
    year: z.number().int(),
    result: z.string(),
    /** 年检通过 (and the member active): the screen shows the result as good, anything else as a warning. */
    inGoodStanding: z.boolean(),
  }),
)
export type InspectionQrResponse = z.infer<typeof InspectionQrResponse>

export const MemberCardResponse = deferred(() =>
  z.object({
    name: z.string(),
    memberNo: z.string(),
    association: z.string(),
    joinDate: z.string(),
    status: z.string(),
    /** SVG data URL of the association's seal */
    seal: z.string(),
    qr: z.object({ url: z.string(), image: z.string() }),
    issuedAt: z.string(),
  }),
)
export type MemberCardResponse = z.infer<typeof MemberCardResponse>

export const VerifyQuery = deferred(() => z.object({ t: labelled(z.string().min(1).max(QR_TOKEN_MAX_LENGTH, INVALID_CODE_HEADLINE), '二维码内容') }))

/** What a signed QR code can certify: the year's 年检 result, membership itself, or a year's 学时 (学时证明). */
export const CREDENTIAL_KINDS = ['inspection', 'membership', 'hours'] as const
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number]

/** The public verification page: only what a verifier needs, never ID numbers or contacts. */
export const VerificationResponse = deferred(() =>
  z.object({
    /** The code was issued by CICPA's system and has not expired. */
    genuine: z.boolean(),
    headline: z.string(),
    credential: z
      .object({
        kind: z.enum(CREDENTIAL_KINDS),
        nameMasked: z.string(),
        association: z.string(),
        year: z.number().int().nullable(),
        result: z.string(),
        /** whether the member is currently in good standing for what the code certifies */
        inGoodStanding: z.boolean(),
        /** 学时证明 only: the year's hours as they stand now, by source; no record details. */
        hours: z
          .object({
            required: z.number(),
            done: z.number(),
            missing: z.number(),
            exempted: z.number(),
            bySource: z.array(z.object({ label: z.string(), hours: z.number() })),
          })
          .nullable(),
      })
      .nullable(),
    /** Only for staff of the member's association (or CICPA): where to act on the member. */
    staff: z.object({ memberNo: z.string(), inspectionId: z.string().nullable() }).nullable(),
    checkedAt: z.string(),
  }),
)
export type VerificationResponse = z.infer<typeof VerificationResponse>

export const VerificationKeysResponse = deferred(() =>
  z.object({
    keys: z.array(z.object({ kid: z.string(), kty: z.string(), crv: z.string(), x: z.string(), alg: z.string(), use: z.string() })),
  }),
)

/** The certificate is in English (seed 001 三.5), printed with a Latin font: keep inputs Latin. */
const latinText = (title: string, max: number) =>
  labelled(
    z
      .string()
      .trim()
      .min(1)
      .max(max)
      .regex(/^[A-Za-z0-9][A-Za-z0-9 .,'()&/-]*$/, { message: `${title}请使用英文填写` }),
    title,
  )

export const GoodStandingRequest = deferred(() =>
  z.object({
    englishName: latinText('英文姓名（与护照一致）', 80),
    purpose: latinText('用途', 200),
    addressee: latinText('致送单位', 200),
  }),
)

export const GOOD_STANDING_STATUSES = ['pending', 'approved', 'returned'] as const
export const GOOD_STANDING_STATUS_LABELS = { pending: '中注协审批中', approved: '已通过，可下载', returned: '已退回' } as const

export const GoodStandingApplication = deferred(() =>
  z.object({
    id: z.string(),
    memberNo: z.string(),
    memberName: z.string(),
    association: z.string(),
    englishName: z.string(),
    purpose: z.string(),
    addressee: z.string(),
    status: z.enum(GOOD_STANDING_STATUSES),
    submittedAt: z.string(),
    decidedAt: z.string().nullable(),
    returnReason: z.string().nullable(),
  }),
)
export type GoodStandingApplication = z.infer<typeof GoodStandingApplication>

export const GoodStandingList = deferred(() => z.object({ applications: z.array(GoodStandingApplication) }))

/** What CICPA staff review and decide on: the application with its approval trail (查看审批信息). */
export const GoodStandingReview = deferred(() => GoodStandingApplication.extend({ trail: z.array(TrailEntry) }))

export const GoodStandingIdParams = deferred(() => z.object({ id: labelled(z.string().regex(/^GS-\d{6,20}-[a-z0-9]+$/), '申请编号') }))

export const GoodStandingDecision = deferred(() =>
  z
    .object({
      decision: labelled(z.enum(['approve', 'return']), '审批结果'),
      reason: labelled(z.string().trim().max(500), '退回原因', { multiline: true }).optional(),
    })
    .refine((body) => body.decision !== 'return' || (body.reason ?? '').length > 0, { path: ['reason'], message: '退回时请填写退回原因' }),
)

/** A certificate PDF to download (良好存续证明, 学时证明): a link valid for minutes. */
export const CertificateDownload = deferred(() => z.object({ url: z.string(), fileName: z.string(), expiresInSeconds: z.number().int() }))
export type CertificateDownload = z.infer<typeof CertificateDownload>
