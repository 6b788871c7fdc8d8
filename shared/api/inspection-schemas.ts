import { deferred } from '../deferred'
import * as z from 'zod'
import { FEE_DECISIONS, FEE_STATUSES } from '../fee'
import {
  DEGREES,
  DOMESTIC_QUALIFICATIONS,
  EDUCATION_LEVELS,
  INTERNATIONAL_QUALIFICATIONS,
  CORRECTIONS,
  DECISIONS,
  INSPECTION_ID_PATTERN,
  INSPECTION_KINDS,
  INSPECTION_STATUSES,
  MATERIAL_LIMITS,
  MATERIAL_PURPOSES,
} from '../inspection'
import { fieldLabel, isoDate, labelled } from '../validation'
import { AssociationRef, PersonalFacts, TrailEntry } from './schemas'
import { MaterialFileName, uploadSize } from './upload-schemas'

const year = deferred(() => labelled(z.number().int().min(2000).max(2100), '年检年度'))

export const HoursStandingSchema = deferred(() => z.object({ required: z.number(), done: z.number(), missing: z.number() }))

/** When members may apply for a 年检年度 (both days included, China time). */
export const InspectionWindowSchema = deferred(() => z.object({ opensOn: z.string(), closesOn: z.string() }))

export const InspectionSummary = deferred(() =>
  z.object({
    id: z.string(),
    year: z.number().int(),
    kind: z.enum(INSPECTION_KINDS),
    kindLabel: z.string(),
    status: z.enum(INSPECTION_STATUSES),
    statusLabel: z.string(),
    returnReason: z.string().nullable(),
    submittedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
  }),
)
export type InspectionSummary = z.infer<typeof InspectionSummary>

export const InspectionFile = deferred(() =>
  z.object({
    fileId: z.string(),
    name: z.string(),
    size: z.number().int(),
    contentType: z.string(),
    /** Short-lived presigned GET. */
    url: z.string(),
  }),
)

export const Materials = deferred(() => z.object({ inspection: z.array(InspectionFile), deferral: z.array(InspectionFile) }))
export type Materials = z.infer<typeof Materials>

/**
 * Which upload sections an association keeps open (seed 003: 无需上传材料时则该端口关闭): a closed
 * one is left off the member's screen and the server takes no files for it and asks for none.
 */
export const MaterialUploads = deferred(() =>
  z.object({
    inspection: labelled(z.boolean(), '年检申请上传材料'),
    deferral: labelled(z.boolean(), '暂缓年检上传证明材料'),
  }),
)
export type MaterialUploads = z.infer<typeof MaterialUploads>

export const InspectionOverview = deferred(() =>
  z.object({
    year: z.number().int(),
    lastInspectionYear: z.number().int().nullable(),
    hours: HoursStandingSchema,
    /** The years 累计应完成学时 / 累计已完成学时 cover: after the last pass (or joining) up to `year`. */
    hoursYears: z.array(z.number().int()),
    window: InspectionWindowSchema,
    fee: z.enum(FEE_STATUSES),
    feeAmountFen: z.number().int(),
    /** Why staff did not confirm a declared offline payment (shown while the fee is 去支付 again). */
    feeRejectReason: z.string().nullable(),
    application: InspectionSummary.nullable(),
    /** Why 年检申请 cannot be submitted now (empty: it can). */
    blockers: z.array(z.string()),
    deferralBlockers: z.array(z.string()),
    homeBadge: z.string().nullable(),
    unreadMessages: z.number().int(),
    /** 完善信息 saved at least once. */
    infoComplete: z.boolean(),
    /** Files uploaded for this year's application, kept while it is corrected and resubmitted. */
    materials: Materials,
    uploads: MaterialUploads,
  }),
)
export type InspectionOverview = z.infer<typeof InspectionOverview>

const commitmentAccepted = deferred(() => labelled(z.boolean(), '承诺书').refine((accepted) => accepted, '请阅读并勾选承诺书'))

export const SubmitInspectionRequest = deferred(() => z.object({ year, commitmentAccepted }))

export const SubmitDeferralRequest = deferred(() =>
  z.object({
    year,
    commitmentAccepted,
    reason: labelled(z.string().trim().min(1).max(500), '暂缓原因', { multiline: true }),
  }),
)

export const SubmitInspectionResponse = deferred(() =>
  z.object({
    application: InspectionSummary,
    successText: z.string(),
    /** The member's association's own notice (省注协自定义通知). */
    notice: z.string(),
  }),
)

export const InspectionIdParams = deferred(() =>
  z.object({
    id: labelled(z.string().regex(INSPECTION_ID_PATTERN), '申请编号'),
  }),
)

export const InspectionDetail = deferred(() =>
  InspectionSummary.extend({
    version: z.number().int(),
    member: z.object({
      memberNo: z.string(),
      name: z.string(),
      gender: z.string(),
      association: AssociationRef,
      idType: z.string(),
      idNumberMasked: z.string(),
      ...PersonalFacts.shape,
      phoneMasked: z.string().nullable(),
      workUnit: z.string().nullable(),
    }),
    hours: HoursStandingSchema,
    fee: z.enum(FEE_STATUSES),
    deferralReason: z.string().nullable(),
    files: z.array(InspectionFile),
    trail: z.array(TrailEntry),
  }),
)
export type InspectionDetail = z.infer<typeof InspectionDetail>

export const HistoryQuery = deferred(() =>
  z.object({
    year: labelled(z.coerce.number().int().min(2000).max(2100).optional(), '年检年度'),
    status: labelled(z.enum(INSPECTION_STATUSES).optional(), '审核状态'),
  }),
)

export const HistoryResponse = deferred(() => z.object({ items: z.array(InspectionSummary) }))

export const DecisionRequest = deferred(() =>
  z
    .object({
      decision: labelled(z.enum(DECISIONS), '审核结果'),
      opinion: labelled(z.string().trim().max(500), '审核意见', { multiline: true }),
      /** The version the staff member reviewed: a decision on a newer submission is refused. */
      version: labelled(z.number().int().min(0), '版本'),
    })
    .refine((body) => body.decision === 'pass' || body.opinion.length > 0, { path: ['opinion'], message: '退回时请填写退回原因' }),
)

/** 更正 of a decided item: the reason is mandatory, it is what the member and the trail are told. */
export const CorrectionRequest = deferred(() =>
  z.object({
    correction: labelled(z.enum(CORRECTIONS), '更正方式'),
    reason: labelled(z.string().trim().min(1).max(500), '更正原因', { multiline: true }),
    /** The version the staff member looked at: a correction of a changed item is refused. */
    version: labelled(z.number().int().min(0), '版本'),
  }),
)

export const MESSAGE_ID_PATTERN = /^\d{8}T\d{9}Z-[0-9a-f]{8}$/

export const MemberMessage = deferred(() =>
  z.object({
    id: z.string(),
    title: z.string(),
    node: z.string(),
    unit: z.string(),
    opinion: z.string(),
    at: z.string(),
    read: z.boolean(),
    /** What the message is about: an inspection application (查看审批信息), the year's fee, an hours claim, or a reminder before the 年检 window closes. */
    subject: z.enum(['inspection', 'fee', 'hours_claim', 'reminder']),
    /** The inspection id (inspection, fee and reminder) or the claim id (hours_claim). */
    subjectId: z.string(),
  }),
)
export type MemberMessage = z.infer<typeof MemberMessage>

export const MessagesResponse = deferred(() => z.object({ unread: z.number().int(), items: z.array(MemberMessage) }))
export const MessageIdParams = deferred(() => z.object({ id: labelled(z.string().regex(MESSAGE_ID_PATTERN), '消息编号') }))
export const MessageReadResponse = deferred(() => z.object({ unread: z.number().int() }))

/** `version` comes back with a save: two staff editing at once cannot overwrite each other unseen. */
export const NoticeResponse = deferred(() =>
  z.object({
    association: AssociationRef,
    notice: z.string(),
    version: z.number().int(),
    /** The windows staff may set now: the 年检年度 members apply for and the next; `custom` false: the default. */
    windows: z.array(InspectionWindowSchema.extend({ year: z.number().int(), custom: z.boolean() })),
    uploads: MaterialUploads,
  }),
)
export const NoticeRequest = deferred(() =>
  z.object({
    notice: labelled(z.string().trim().min(1).max(300), '自定义通知', { multiline: true }),
    version: labelled(z.number().int().min(0), '版本'),
    /** Sent together: the 年检年度 whose application window this save sets. */
    windowYear: year.optional(),
    opensOn: isoDate('开始日期').optional(),
    closesOn: isoDate('截止日期').optional(),
    /** Left out: the sections stay as they are. */
    uploads: MaterialUploads.optional(),
  }),
)

const purpose = deferred(() => labelled(z.enum(MATERIAL_PURPOSES), '材料类别'))
export const MaterialUploadRequest = deferred(() =>
  z.object({
    purpose,
    fileName: MaterialFileName,
    /** The larger limit of the two purposes; the use case holds each purpose to its own. */
    size: uploadSize(MATERIAL_LIMITS.deferral),
  }),
)

export const AttachMaterialRequest = deferred(() =>
  z.object({
    purpose,
    fileName: MaterialFileName,
    key: labelled(z.string().min(1).max(300), '附件'),
  }),
)

export const MaterialIdParams = deferred(() => z.object({ fileId: labelled(z.string().regex(/^[0-9a-f-]{36}$/), '附件编号') }))

/**
 * 去支付: where the page is decides how the member pays. Inside WeChat (`miniprogram`, or
 * `official_account` for the H5 pages in WeChat's browser) WeChat's own payment sheet for the payer's
 * openid, which a fresh code proves (the mini-program's `wx.login` code, the official account's
 * web-authorization code) or an earlier payment left on file; elsewhere (`native`) a QR code.
 */
export const PayRequest = deferred(() =>
  z.object({
    channel: labelled(z.enum(['native', 'miniprogram', 'official_account']), '支付方式').default('native'),
    wechatCode: labelled(z.string().trim().min(1).max(128).optional(), '微信授权码'),
    /** The web authorization's state, beside its code on the official account's page (WeChat allows a-zA-Z0-9). */
    state: labelled(
      z
        .string()
        .regex(/^[A-Za-z0-9]{1,128}$/)
        .optional(),
      '微信授权状态',
    ),
  }),
)

/** What `wx.requestPayment` (and `getBrandWCPayRequest`, which also takes appId) is called with. */
export const JsapiPayment = deferred(() =>
  z.object({
    appId: labelled(z.string().min(1).max(32), '应用ID'),
    timeStamp: labelled(z.string().regex(/^\d{1,32}$/), '时间戳'),
    nonceStr: labelled(z.string().min(1).max(32), '随机字符串'),
    package: labelled(z.string().regex(/^prepay_id=[\w-]{1,64}$/), '订单详情扩展字符串'),
    signType: labelled(z.literal('RSA'), '签名方式'),
    paySign: labelled(z.string().min(1).max(512), '支付签名'),
  }),
)

const PayOrderCommon = {
  outTradeNo: deferred(() => z.string()),
  amountFen: deferred(() => z.number().int()),
  payBefore: deferred(() => z.string()),
  /** True on local runs: WeChat cannot pay it; the labelled simulation (QR payer page, payment sheet) does. */
  simulated: deferred(() => z.boolean()),
}

export const FeeOrderResponse = deferred(() =>
  z.discriminatedUnion('channel', [
    /** The WeChat Pay Native code_url, and the same as a QR image (SVG data URI). */
    z.object({ channel: z.literal('native'), ...PayOrderCommon, codeUrl: z.string(), qrImage: z.string() }),
    z.object({ channel: z.enum(['miniprogram', 'official_account']), ...PayOrderCommon, payment: JsapiPayment }),
  ]),
)

export const OutTradeNoParams = deferred(() => z.object({ outTradeNo: labelled(z.string().regex(/^[A-Za-z0-9]{6,32}$/), '订单号') }))

export const FeeOrderStatus = deferred(() => z.object({ status: z.enum(['created', 'paid']), fee: z.enum(FEE_STATUSES) }))

/** WeChat Pay's notification envelope; the signature covers the raw body, the resource is encrypted. */
export const WechatPayNotification = deferred(() =>
  z
    .object({
      id: z.string(),
      event_type: z.string(),
      resource: z.object({ algorithm: z.string(), ciphertext: z.string(), nonce: z.string(), associated_data: z.string().optional() }).loose(),
    })
    .loose(),
)

export const WechatPayAck = deferred(() => z.object({ code: z.literal('SUCCESS'), message: z.string() }))

export const SimulatedNotification = deferred(() => z.object({ headers: z.record(z.string(), z.string()), body: z.string() }))

export const OfflineFeeRequest = deferred(() => z.object({ note: labelled(z.string().trim().min(1).max(200), '缴费说明', { multiline: true }) }))

export const FeeOverview = deferred(() => z.object({ status: z.enum(FEE_STATUSES), amountFen: z.number().int(), rejectReason: z.string().nullable() }))

export const FeeReview = deferred(() =>
  z.object({
    id: z.string(),
    year: z.number().int(),
    status: z.enum(FEE_STATUSES),
    /** Sent back with a decision: a decision on a declaration someone else decided, or the member declared again, is refused (409). */
    version: z.number().int(),
    amountFen: z.number().int(),
    offlineNote: z.string().nullable(),
    declaredAt: z.string().nullable(),
    member: z.object({
      memberNo: z.string(),
      name: z.string(),
      association: AssociationRef,
      phoneMasked: z.string().nullable(),
      workUnit: z.string().nullable(),
    }),
    /** The fee's approval trail (查看审批信息): local staff's decisions, oldest first. */
    trail: z.array(TrailEntry),
  }),
)

export const FeeDecisionRequest = deferred(() =>
  z
    .object({
      decision: labelled(z.enum(FEE_DECISIONS), '确认结果'),
      opinion: labelled(z.string().trim().max(200), '说明', { multiline: true }),
      /** The version the staff member reviewed. */
      version: labelled(z.number().int().min(0), '版本'),
    })
    .refine((body) => body.decision === 'confirm' || body.opinion.length > 0, { path: ['opinion'], message: '不予确认时请填写原因' }),
)

/* 完善信息: four tabs; `*` fields are required when the information is saved, never in a draft. */
const text = (title: string, max: number) => labelled(z.string().trim().min(1).max(max), title)
const optionalText = (title: string, max: number) => labelled(z.string().trim().max(max), title)

export const ContactInfo = deferred(() =>
  z.object({
    mobile: labelled(
      z
        .string()
        .trim()
        .min(1)
        .regex(/^1\d{10}$/, '手机号码须为11位数字'),
      '手机号码',
    ),
    email: labelled(z.string().trim().min(1).max(100).pipe(z.email()), '电子邮箱'),
    address: text('通讯地址', 100),
    postcode: labelled(
      z
        .string()
        .trim()
        .regex(/^(\d{6})?$/, '邮政编码须为6位数字'),
      '邮政编码',
    ),
  }),
)
export const WorkInfo = deferred(() =>
  z.object({
    workUnit: text('工作单位', 100),
    position: optionalText('职务', 50),
    workPhone: labelled(
      z
        .string()
        .trim()
        .regex(/^[\d-]{0,20}$/, '单位电话只能包含数字和“-”'),
      '单位电话',
    ),
    workAddress: optionalText('单位地址', 100),
  }),
)
export const EducationInfo = deferred(() =>
  z.object({
    education: labelled(z.enum(EDUCATION_LEVELS), '学历'),
    degree: labelled(z.enum(DEGREES), '学位'),
    school: text('毕业院校', 100),
    major: text('所学专业', 50),
    graduationDate: labelled(
      z
        .string()
        .trim()
        .min(1)
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '毕业时间格式为 年-月'),
      '毕业时间',
    ),
  }),
)
export const QualificationInfo = deferred(() =>
  z.object({
    domestic: labelled(z.array(z.enum(DOMESTIC_QUALIFICATIONS)).max(DOMESTIC_QUALIFICATIONS.length), '国内资格'),
    domesticOther: optionalText('国内资格（其他）', 50),
    international: labelled(z.array(z.enum(INTERNATIONAL_QUALIFICATIONS)).max(INTERNATIONAL_QUALIFICATIONS.length), '国际资格'),
    internationalOther: optionalText('国际资格（其他）', 50),
  }),
)
export const MemberInfo = deferred(() => z.object({ contact: ContactInfo, work: WorkInfo, education: EducationInfo, qualifications: QualificationInfo }))
export type MemberInfo = z.infer<typeof MemberInfo>

/** A draft keeps whatever was typed, within the same length limits, nothing required; its messages name the saved field. */
const draftText = (field: z.ZodType, max: number) => labelled(z.string().max(max), fieldLabel(field, [])!).optional()
export const MemberInfoDraft = deferred(() => {
  const [contact, work, education, qualifications] = [ContactInfo.shape, WorkInfo.shape, EducationInfo.shape, QualificationInfo.shape]
  return z.object({
    contact: z
      .object({
        mobile: draftText(contact.mobile, 20),
        email: draftText(contact.email, 100),
        address: draftText(contact.address, 100),
        postcode: draftText(contact.postcode, 10),
      })
      .optional(),
    work: z
      .object({
        workUnit: draftText(work.workUnit, 100),
        position: draftText(work.position, 50),
        workPhone: draftText(work.workPhone, 20),
        workAddress: draftText(work.workAddress, 100),
      })
      .optional(),
    education: z
      .object({
        education: draftText(education.education, 20),
        degree: draftText(education.degree, 10),
        school: draftText(education.school, 100),
        major: draftText(education.major, 50),
        graduationDate: draftText(education.graduationDate, 10),
      })
      .optional(),
    qualifications: z
      .object({
        domestic: qualifications.domestic.optional(),
        domesticOther: draftText(qualifications.domesticOther, 50),
        international: qualifications.international.optional(),
        internationalOther: draftText(qualifications.internationalOther, 50),
      })
      .optional(),
  })
})
export type MemberInfoDraft = z.infer<typeof MemberInfoDraft>

/** The version the member's screen read (0: nothing written yet): a save over a newer one, from another device or tab, is refused. */
const infoVersion = deferred(() => labelled(z.number().int().min(0), '版本'))
export const MemberInfoDraftRequest = deferred(() => MemberInfoDraft.extend({ version: infoVersion }))
export const MemberInfoRequest = deferred(() => MemberInfo.extend({ version: infoVersion }))

export const MemberInfoResponse = deferred(() =>
  z.object({
    saved: MemberInfo.nullable(),
    draft: MemberInfoDraft.nullable(),
    complete: z.boolean(),
    savedAt: z.string().nullable(),
    version: z.number().int(),
  }),
)
