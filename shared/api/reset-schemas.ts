import { deferred } from '../deferred'
import * as z from 'zod'
import { passwordProblem } from '../password-policy'
import { labelled } from '../validation'

const text = (title: string, max: number) => labelled(z.string().trim().min(1).max(max), title)

/** Who can reset a password here: members of both kinds (staff accounts are reset by their association). */
export const RESET_USER_TYPES = ['non_practising', 'cpa'] as const

export const CODE_LENGTH = 6
export const CODE_TTL_SECONDS = 5 * 60
export const CODE_RESEND_SECONDS = 60
export const CODE_MAX_ATTEMPTS = 5
export const CODES_PER_DAY = 10
export const IDENTITY_MAX_ATTEMPTS = 5
/** A web-authorization state is good for one round trip to WeChat and back (WeChat's code itself lives five minutes). */
export const OA_STATE_SECONDS = 5 * 60
/** The official account members follow and reset from (seed 003, 1-1). */
export const OFFICIAL_ACCOUNT_NAME = '中国注册会计师协会行业管理信息系统'
export const RESET_SESSION_SECONDS = 30 * 60

/** 辅助证明材料 (seed 003, 1-9): practising CPAs give 档案存放单位 where non-practising members give 工作单位. */
export const PROOF_TYPES = ['email', 'certificateNo', 'workUnit', 'archiveUnit'] as const
export type ProofType = (typeof PROOF_TYPES)[number]
export const PROOF_LABELS: Record<ProofType, string> = {
  email: '邮箱',
  certificateNo: '全科合格证号/考核批准文号',
  workUnit: '工作单位',
  archiveUnit: '档案存放单位',
}
export function proofTypesFor(userType: (typeof RESET_USER_TYPES)[number]): readonly ProofType[] {
  return userType === 'cpa' ? ['email', 'certificateNo', 'archiveUnit'] : ['email', 'certificateNo', 'workUnit']
}

const resetId = deferred(() => labelled(z.string().min(16).max(128), '找回密码凭证'))

export const ResetStartRequest = deferred(() =>
  z.object({
    userType: labelled(z.enum(RESET_USER_TYPES), '用户类型'),
    memberNo: labelled(
      z
        .string()
        .trim()
        .regex(/^[0-9A-Za-z]{6,20}$/),
      '会员编号',
    ),
  }),
)

export const ResetStartResponse = deferred(() =>
  z.object({
    resetId: z.string(),
    /** The phone on file, masked (or an indistinguishable stand-in: see usecases/reset.ts). */
    phoneMasked: z.string(),
    wechatBound: z.boolean(),
    proofTypes: z.array(z.enum(PROOF_TYPES)),
    expiresInSeconds: z.number().int(),
  }),
)
export type ResetStartResponse = z.infer<typeof ResetStartResponse>

export const ResetSendCodeRequest = deferred(() =>
  z
    .object({
      resetId,
      channel: labelled(z.enum(['sms', 'wechat']), '验证方式'),
      /** The full phone number on file (手机号验证 only). */
      phone: labelled(
        z
          .string()
          .trim()
          .regex(/^1\d{10}$/)
          .optional(),
        '手机号码',
      ),
    })
    .refine((body) => body.channel !== 'sms' || body.phone, { path: ['phone'], message: '请填写手机号码' }),
)

export const ResetSendCodeResponse = deferred(() =>
  z.object({
    resendAfterSeconds: z.number().int(),
    expiresInSeconds: z.number().int(),
  }),
)

export const ResetVerifyCodeRequest = deferred(() =>
  z.object({
    resetId,
    code: labelled(
      z
        .string()
        .trim()
        .regex(new RegExp(`^\\d{${CODE_LENGTH}}$`)),
      '验证码',
    ),
  }),
)

export const ResetIdentityRequest = deferred(() =>
  z.object({
    resetId,
    name: text('姓名', 50),
    idNumber: labelled(
      z
        .string()
        .trim()
        .regex(/^[0-9A-Za-z]{6,30}$/),
      '证件号码',
    ),
    proofType: labelled(z.enum(PROOF_TYPES), '辅助证明材料类型'),
    proofValue: text('辅助证明材料', 100),
  }),
)

export const ResetVerifiedResponse = deferred(() => z.object({ verified: z.literal(true) }))

export const ResetPasswordRequest = deferred(() =>
  z.object({
    resetId,
    newPassword: labelled(z.string().max(128), '新密码').superRefine((value, ctx) => {
      const problem = passwordProblem(value)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    }),
    /** A WeChat login code of whoever is resetting, to bind that WeChat to the member (seed 003, 2.1.3). */
    wechatCode: labelled(z.string().trim().min(1).max(128).optional(), '微信登录凭证'),
  }),
)

/**
 * What became of a WeChat identity on reset: 'bound' now, 'already_bound' to this member before,
 * 'taken' by another member (left there), 'none' when the page had no identity to offer.
 */
const BindingOutcome = deferred(() => z.enum(['bound', 'already_bound', 'taken', 'none']))
export type BindingOutcome = z.infer<typeof BindingOutcome>

export const ResetPasswordResponse = deferred(() =>
  z.object({
    ok: z.literal(true),
    username: z.string(),
    /** The mini-program's WeChat (wx.login code sent with the new password). */
    wechat: BindingOutcome,
    /** The official account's WeChat (web authorization on the H5 page inside WeChat). */
    officialAccount: BindingOutcome,
    /** The official account's QR code (PNG data URL) when the member has no official-account binding after the reset. */
    followQr: z.string().nullable(),
  }),
)

/** The H5 page WeChat sends the member back to (its origin must be a 网页授权域名). */
const redirectUri = deferred(() =>
  labelled(
    z
      .string()
      .max(512)
      // A query only inside the hash route (WeChat adds code and state before the hash).
      .regex(/^https?:\/\/[^\s?#]+(#\S*)?$/),
    '授权回调地址',
  ),
)

export const ResetWechatAuthorizeRequest = deferred(() => z.object({ resetId, redirectUri }))

/** 去支付 on the official account's page, signed in: the authorize link comes back to the paying page. */
export const PayerWechatAuthorizeRequest = deferred(() => z.object({ redirectUri }))

export const ResetWechatAuthorizeResponse = deferred(() => z.object({ authorizeUrl: z.string() }))

export const ResetWechatAuthorizedRequest = deferred(() =>
  z.object({
    resetId,
    code: labelled(z.string().trim().min(1).max(128), '微信授权码'),
    /** WeChat allows a-zA-Z0-9, at most 128 bytes. */
    state: labelled(z.string().regex(/^[A-Za-z0-9]{1,128}$/), '授权状态'),
  }),
)

export const ResetWechatAuthorizedResponse = deferred(() => z.object({ authorized: z.literal(true) }))

export const WechatCodeRequest = deferred(() => z.object({ code: labelled(z.string().trim().min(1).max(128), '微信登录凭证') }))

export const WechatBindingResponse = deferred(() => z.object({ bound: z.boolean(), boundAt: z.string().nullable() }))

export const WechatOptionsResponse = deferred(() =>
  z.object({
    /** True only where the server uses the local code2session fake (local runs and tests). */
    localFake: z.boolean(),
  }),
)
