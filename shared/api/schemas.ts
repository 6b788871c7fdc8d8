import { deferred } from '../deferred'
import * as z from 'zod'
import { APPROVAL_KINDS } from '../approvals'
import { passwordProblem } from '../password-policy'
import { ROLES, USER_TYPES } from '../roles'
import { labelled } from '../validation'

const trimmed = (title: string, max: number) => labelled(z.string().trim().min(1).max(max), title)

export const AssociationRef = deferred(() => z.object({ code: z.string(), name: z.string() }))

export const CaptchaResponse = deferred(() =>
  z.object({
    captchaId: z.string(),
    /** An SVG data URI, usable as an <Image> src on both platforms. */
    image: z.string(),
    expiresInSeconds: z.number().int(),
  }),
)

export const LoginRequest = deferred(() =>
  z.object({
    userType: labelled(z.enum(USER_TYPES), '用户类型'),
    username: trimmed('用户名', 64),
    password: labelled(z.string().min(1).max(128), '密码'),
    captchaId: trimmed('验证码', 64),
    captchaCode: trimmed('验证码', 8),
  }),
)

export const SessionUser = deferred(() =>
  z.object({
    role: z.enum(ROLES),
    userType: z.enum(USER_TYPES),
    username: z.string(),
    displayName: z.string(),
    association: AssociationRef,
    mustChangePassword: z.boolean(),
  }),
)
export type SessionUser = z.infer<typeof SessionUser>

export const SessionResponse = deferred(() =>
  z.object({
    accessToken: z.string(),
    refreshToken: z.string(),
    /** Seconds until the access token expires. */
    expiresIn: z.number().int(),
    user: SessionUser,
  }),
)
export type SessionResponse = z.infer<typeof SessionResponse>

export const RefreshRequest = deferred(() => z.object({ refreshToken: labelled(z.string().min(1), '登录凭证') }))

const newPassword = deferred(() =>
  labelled(z.string().max(128), '新密码').superRefine((value, ctx) => {
    const problem = passwordProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  }),
)

export const ChangePasswordRequest = deferred(() =>
  z
    .object({
      oldPassword: labelled(z.string().min(1).max(128), '原密码'),
      newPassword,
    })
    .refine((body) => body.oldPassword !== body.newPassword, {
      path: ['newPassword'],
      message: '新密码不能与原密码相同',
    }),
)

export const OkResponse = deferred(() => z.object({ ok: z.literal(true) }))

/** 民族, 出生日期, 政治面貌, 所在地区, 户口所在地 (seed 003's 年检信息查看); null where the record has none. */
export const PersonalFacts = deferred(() =>
  z.object({
    ethnicity: z.string().nullable(),
    birthDate: z.string().nullable(),
    politicalStatus: z.string().nullable(),
    region: z.string().nullable(),
    household: z.string().nullable(),
  }),
)
export type PersonalFacts = z.infer<typeof PersonalFacts>

export const MemberProfile = deferred(() =>
  z.object({
    kind: z.literal('member'),
    userType: z.enum(USER_TYPES),
    memberNo: z.string(),
    name: z.string(),
    gender: z.enum(['男', '女']),
    association: AssociationRef,
    idType: z.string(),
    idNumberMasked: z.string(),
    ...PersonalFacts.shape,
    phoneMasked: z.string().nullable(),
    emailMasked: z.string().nullable(),
    workUnit: z.string().nullable(),
    joinDate: z.string(),
    status: z.string(),
  }),
)
export type MemberProfile = z.infer<typeof MemberProfile>

export const StaffProfile = deferred(() =>
  z.object({
    kind: z.literal('staff'),
    role: z.enum(['local_staff', 'cicpa_staff']),
    username: z.string(),
    name: z.string(),
    association: AssociationRef,
  }),
)
export type StaffProfile = z.infer<typeof StaffProfile>

export const ProfileResponse = deferred(() => z.discriminatedUnion('kind', [MemberProfile, StaffProfile]))
export type ProfileResponse = z.infer<typeof ProfileResponse>

export const InboxCategory = deferred(() =>
  z.object({
    kind: z.enum(APPROVAL_KINDS),
    label: z.string(),
    pending: z.number().int(),
  }),
)

export const InboxKindParams = deferred(() => z.object({ kind: labelled(z.enum(APPROVAL_KINDS), '事项类型') }))

/** One step of an approval trail (查看审批信息): 节点, 办理单位, 意见, 时间. */
export const TrailEntry = deferred(() =>
  z.object({
    node: z.string(),
    unit: z.string(),
    opinion: z.string(),
    at: z.string(),
  }),
)
export type TrailEntry = z.infer<typeof TrailEntry>

export const InboxResponse = deferred(() =>
  z.object({
    scope: AssociationRef,
    total: z.number().int(),
    categories: z.array(InboxCategory),
  }),
)
export type InboxResponse = z.infer<typeof InboxResponse>

const EngineCheck = deferred(() => z.object({ ok: z.boolean(), detail: z.string() }))
export const HealthResponse = deferred(() =>
  z.object({
    status: z.enum(['ok', 'degraded']),
    checks: z.object({ dynamodb: EngineCheck, s3: EngineCheck }),
  }),
)

export const OutboxQuery = deferred(() =>
  z.object({
    channel: labelled(z.enum(['captcha', 'sms', 'wechat']), '渠道'),
    recipient: trimmed('接收方', 128),
  }),
)

export const OutboxResponse = deferred(() =>
  z.object({
    messages: z.array(z.object({ channel: z.string(), recipient: z.string(), body: z.string(), sentAt: z.string() })),
  }),
)
