import { deferred } from '../deferred'
import * as z from 'zod'
import { COURSE_CATEGORIES, EXEMPTION_REASON_CODES, INSTITUTE_CODES, LESSON_PLAYERS, OUTPUT_CATEGORY_CODES } from '../education'
import { MATERIAL_LIMITS } from '../inspection'
import { labelled, isoDate } from '../validation'
import { MaterialFileName, uploadSize } from './upload-schemas'
import { AssociationRef, TrailEntry } from './schemas'

const Institute = deferred(() => z.object({ code: z.enum(INSTITUTE_CODES), name: z.string() }))

/** 学习费: non-practising members pay once a year, when they first press 开始学习. */
export const LEARNING_FEE_STATUSES = ['unpaid', 'paid'] as const
export const LearningFee = deferred(() => z.object({ status: z.enum(LEARNING_FEE_STATUSES), amountFen: z.number().int() }))

export const EducationOverview = deferred(() =>
  z.object({
    year: z.number().int(),
    institutes: z.array(Institute),
    /** The institute chosen for the year: once set it cannot change until next year. */
    enrolment: z.object({ institute: Institute, chosenAt: z.string() }).nullable(),
    fee: LearningFee.nullable(),
    hours: z.object({ required: z.number(), done: z.number(), missing: z.number() }),
  }),
)
export type EducationOverview = z.infer<typeof EducationOverview>

export const ChooseInstituteRequest = deferred(() => z.object({ institute: labelled(z.enum(INSTITUTE_CODES), '国家会计学院') }))

const identifier = (title: string) => labelled(z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, `${title}格式不正确`), title)

export const LessonView = deferred(() =>
  z.object({
    lessonId: z.string(),
    title: z.string(),
    hours: z.number(),
    durationSeconds: z.number().int(),
    player: z.enum(LESSON_PLAYERS),
    /** The institute's video (player `video`). */
    videoUrl: z.string().nullable(),
    positionSeconds: z.number().int(),
    learned: z.boolean(),
    evaluation: z.object({ rating: z.number().int(), comment: z.string(), at: z.string() }).nullable(),
    /** learned and evaluated: its hours are in 学时查询 */
    credited: z.boolean(),
  }),
)
export type LessonView = z.infer<typeof LessonView>

export const CourseView = deferred(() =>
  z.object({
    courseId: z.string(),
    title: z.string(),
    teacher: z.string(),
    category: z.enum(COURSE_CATEGORIES),
    hours: z.number(),
    lessons: z.array(LessonView),
    finished: z.boolean(),
    /** Why the course cannot be started yet (electives before every required course is finished). */
    lockReason: z.string().nullable(),
  }),
)
export type CourseView = z.infer<typeof CourseView>

export const CatalogueResponse = deferred(() =>
  z.object({
    year: z.number().int(),
    institute: Institute,
    fee: LearningFee,
    requiredProgress: z.object({ finished: z.number().int(), total: z.number().int() }),
    electivesUnlocked: z.boolean(),
    /** Hours credited so far by this catalogue's evaluated lessons. */
    creditedHours: z.number(),
    courses: z.array(CourseView),
  }),
)
export type CatalogueResponse = z.infer<typeof CatalogueResponse>

export const LessonParams = deferred(() => z.object({ courseId: identifier('课程编号'), lessonId: identifier('课节编号') }))

export const ProgressRequest = deferred(() =>
  z.object({
    /** Where the player is, in seconds from the lesson's start. */
    positionSeconds: labelled(
      z
        .number()
        .int()
        .min(0)
        .max(24 * 3600),
      '播放进度',
    ),
  }),
)

export const EvaluationRequest = deferred(() =>
  z.object({
    rating: labelled(z.number().int().min(1, '请为课程评分（1至5星）').max(5, '评分为1至5星'), '评分'),
    comment: labelled(z.string().trim().max(200).default(''), '评价内容', { multiline: true }),
  }),
)

export const LessonResponse = deferred(() => z.object({ course: CourseView, lesson: LessonView }))

export const LearningFeeOrderStatus = deferred(() => z.object({ status: z.enum(['created', 'paid']), fee: z.enum(LEARNING_FEE_STATUSES) }))

export const ProofUploadRequest = deferred(() =>
  z.object({
    fileName: MaterialFileName,
    /** 证明材料 follow the inspection materials' limits. */
    size: uploadSize(MATERIAL_LIMITS.inspection),
  }),
)

const ProofFile = deferred(() => z.object({ key: labelled(z.string().min(1).max(300), '证明材料'), fileName: MaterialFileName }))
const proofs = deferred(() => labelled(z.array(ProofFile).min(1, '请上传证明材料').max(5, '证明材料最多5个'), '证明材料'))

export const OutputClaimRequest = deferred(() =>
  z.object({
    category: labelled(z.enum(OUTPUT_CATEGORY_CODES), '产出类别'),
    title: labelled(z.string().trim().min(1).max(100), '成果名称'),
    activityDate: isoDate('取得日期'),
    quantity: labelled(z.number().int().min(1).max(99), '数量'),
    description: labelled(z.string().trim().max(500).default(''), '情况说明', { multiline: true }),
    proofs,
  }),
)

export const ExemptionClaimRequest = deferred(() =>
  z
    .object({
      year: labelled(z.number().int().min(2000).max(2100), '减免年度'),
      reason: labelled(z.enum(EXEMPTION_REASON_CODES), '减免原因'),
      periodFrom: isoDate('起始日期'),
      periodTo: isoDate('截止日期'),
      description: labelled(z.string().trim().min(1).max(500), '情况说明', { multiline: true }),
      proofs,
    })
    .refine((body) => body.periodFrom <= body.periodTo, { path: ['periodTo'], message: '截止日期不能早于起始日期' }),
)

export const CLAIM_KINDS = ['output', 'exemption'] as const
export type ClaimKind = (typeof CLAIM_KINDS)[number]
export const CLAIM_STATUSES = ['pending', 'approved', 'returned'] as const
export const CLAIM_STATUS_LABELS = { pending: '待注协审核', approved: '已通过', returned: '已退回' } as const

export const HoursClaim = deferred(() =>
  z.object({
    id: z.string(),
    kind: z.enum(CLAIM_KINDS),
    year: z.number().int(),
    status: z.enum(CLAIM_STATUSES),
    statusLabel: z.string(),
    title: z.string(),
    /** e.g. the category's rule, or the exemption's period */
    summary: z.string(),
    description: z.string(),
    requestedHours: z.number(),
    /** Hours credited (output) or taken off the requirement (exemption) once approved. */
    creditedHours: z.number().nullable(),
    capNote: z.string().nullable(),
    returnReason: z.string().nullable(),
    submittedAt: z.string(),
    decidedAt: z.string().nullable(),
    version: z.number().int(),
    output: z
      .object({ category: z.enum(OUTPUT_CATEGORY_CODES), categoryName: z.string(), rule: z.string(), quantity: z.number().int(), activityDate: z.string() })
      .nullable(),
    exemption: z.object({ reason: z.enum(EXEMPTION_REASON_CODES), reasonLabel: z.string(), periodFrom: z.string(), periodTo: z.string() }).nullable(),
  }),
)
export type HoursClaim = z.infer<typeof HoursClaim>

export const ClaimListQuery = deferred(() => z.object({ kind: labelled(z.enum(CLAIM_KINDS).optional(), '申请类别') }))
export const ClaimList = deferred(() => z.object({ claims: z.array(HoursClaim) }))

export const CLAIM_ID_PATTERN = /^HC-\d{6,20}-[0-9a-z]{6,20}$/
export const ClaimIdParams = deferred(() => z.object({ id: labelled(z.string().regex(CLAIM_ID_PATTERN, '申请编号格式不正确'), '申请编号') }))

/** A claim with what its reviewer (or the member) sees beside it. */
export const ClaimDetail = deferred(() =>
  z.object({
    claim: HoursClaim,
    member: z.object({ memberNo: z.string(), name: z.string(), association: AssociationRef }),
    proofs: z.array(z.object({ fileName: z.string(), size: z.number().int(), url: z.string() })),
    /** Output claims: what the category already has credited in the claim's year, for the reviewer. */
    categoryCreditedInYear: z.number().nullable(),
    trail: z.array(TrailEntry),
  }),
)
export type ClaimDetail = z.infer<typeof ClaimDetail>

/**
 * What an institute sends: its course catalogue for a year (replacing the courses it names) and
 * completion records from its own player. Signed with the institute's key (see functions/usecases/education-import.ts).
 */
export const ImportRequest = deferred(() =>
  z.object({
    institute: labelled(z.enum(INSTITUTE_CODES), '国家会计学院'),
    year: labelled(z.number().int().min(2000).max(2100), '年度'),
    feeFen: labelled(z.number().int().min(0).max(1_000_000), '学习费用'),
    courses: labelled(
      z
        .array(
          z.object({
            courseId: identifier('课程编号'),
            title: labelled(z.string().trim().min(1).max(100), '课程名称'),
            teacher: labelled(z.string().trim().max(50).default(''), '主讲人'),
            category: labelled(z.enum(COURSE_CATEGORIES), '课程类别'),
            lessons: labelled(
              z
                .array(
                  z.object({
                    lessonId: identifier('课节编号'),
                    title: labelled(z.string().trim().min(1).max(100), '课节名称'),
                    hours: labelled(z.number().min(0.5).max(40).multipleOf(0.5), '学时'),
                    durationSeconds: labelled(
                      z
                        .number()
                        .int()
                        .min(1)
                        .max(6 * 3600),
                      '时长',
                    ),
                    /** Played in the mini-program when given; otherwise the lesson is learned on the institute's platform. */
                    videoUrl: labelled(
                      z
                        .url({ protocol: /^https$/, message: '课程视频地址须为 https 链接' })
                        .max(500)
                        .optional(),
                      '课程视频',
                    ),
                  }),
                )
                .min(1)
                .max(50),
              '课节',
            ),
          }),
        )
        .max(200),
      '课程',
    ),
    completions: labelled(
      z
        .array(
          z.object({
            memberNo: labelled(z.string().regex(/^\d{12}$/, '会员编号须为12位数字'), '会员编号'),
            courseId: identifier('课程编号'),
            lessonId: identifier('课节编号'),
            completedAt: labelled(z.iso.datetime(), '完成时间'),
          }),
        )
        .max(1000),
      '学习记录',
    ).default([]),
  }),
)
export type ImportRequest = z.infer<typeof ImportRequest>

export const ImportResponse = deferred(() =>
  z.object({
    courses: z.number().int(),
    completions: z.number().int(),
    /** Completions not applied, each with the reason (unknown member, not enrolled with this institute …). */
    skipped: z.array(z.object({ memberNo: z.string(), courseId: z.string(), lessonId: z.string(), reason: z.string() })),
  }),
)
