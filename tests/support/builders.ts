import { clock } from '../../functions/adapters/clock'
import { demoJoinDate, type DemoAccount, type DemoMember } from '../../functions/local/demo-data'
import { seedAccount, seedDemoCatalogues, seedMember } from '../../functions/local/seed'
import type { MemberRecord } from '../../functions/ports/accounts'
import { formatMemberNo, idCheckChar, memberNoPrefix, MEMBER_NO_REGION } from '../../shared/admission'
import type { MemberInfo } from '../../shared/api/inspection-schemas'
import type { FeeStatus } from '../../shared/fee'
import type { UserType } from '../../shared/roles'
import { inspectionYearAt } from '../../shared/calendar'
import { applicationFor, preparedApplicant, submitApplication } from './admission-flow'
import type { ApiClient, CallAnswer, CallOptions } from './api-client'
import { PDF, uploadTo } from './files'
import type { RouteBody, RouteName, RouteResponse } from '../../shared/api/contract'
import type { ErrorBody } from '../../shared/errors'

/** A user signed in through the login route, calling the contract as themselves. */
export interface SignedIn {
  account: DemoAccount
  token: string
  call<N extends RouteName>(name: N, options?: Omit<CallOptions<N>, 'as'>): Promise<CallAnswer<N>>
  ok<N extends RouteName>(name: N, options?: Omit<CallOptions<N>, 'as'>): Promise<RouteResponse<N>>
  refused<N extends RouteName>(name: N, options?: Omit<CallOptions<N>, 'as'>): Promise<{ status: number; body: ErrorBody }>
}

export interface SignedMember extends SignedIn {
  member: MemberRecord
}

export interface MemberOptions {
  association?: string
  /** A number of the member's own choosing, e.g. the one the admission sequence would give next. */
  memberNo?: string
  userType?: Extract<UserType, 'non_practising' | 'cpa'>
  /** When the member joined, as the demo data counts it back from the test day. */
  joined?: DemoMember['joined']
  /** Hours credited for the 年检年度 applied for now: a total (online courses) or the entries themselves. */
  hours?: number | DemoMember['hours']
  fee?: FeeStatus
  /** 完善信息 already saved: `true` for a complete set from the member's own record. */
  info?: boolean | MemberInfo
  mustChangePassword?: boolean
  wechatUser?: string
  record?: Partial<Omit<DemoMember, 'memberNo' | 'associationCode' | 'joined' | 'hours' | 'feeStatus'>>
}

/** Every built user in a file gets the next number, so member numbers, ID numbers and usernames never meet. */
let serial = 0
const PASSWORD = 'Ceshi2026pw'

async function signIn(api: ApiClient, account: DemoAccount): Promise<SignedIn> {
  const token = await api.token(account.userType, account.username, account.password)
  return {
    account,
    token,
    call: (name, options = {}) => api.call(name, { ...options, as: token }),
    ok: (name, options = {}) => api.ok(name, { ...options, as: token }),
    refused: (name, options = {}) => api.refused(name, { ...options, as: token }),
  }
}

function completeInfo(record: Pick<DemoMember, 'phone' | 'email' | 'workUnit' | 'education'>): MemberInfo {
  return {
    contact: { mobile: record.phone!, email: record.email!, address: '杭州市西湖区文三路100号', postcode: '310012' },
    work: { workUnit: record.workUnit!, position: '财务经理', workPhone: '', workAddress: '' },
    education: {
      education: record.education as MemberInfo['education']['education'],
      degree: '学士',
      school: '浙江财经大学',
      major: '会计学',
      graduationDate: '2012-06',
    },
    qualifications: { domestic: [], domesticOther: '', international: [], internationalOther: '' },
  }
}

/**
 * A fresh member of its own, written the way the demo data is (account, record, this 年检年度's
 * hours and fee) as of the test clock, then signed in. Defaults: a non-practising member of 浙江
 * who joined two years ago, no hours, fee 去支付, 完善信息 not yet saved.
 */
export async function aMember(api: ApiClient, options: MemberOptions = {}): Promise<SignedMember> {
  const n = ++serial
  const now = clock.now()
  const association = options.association ?? 'ZJ'
  const userType = options.userType ?? 'non_practising'
  const gender = options.record?.gender ?? (n % 2 ? '男' : '女')
  const birthDate = options.record?.birthDate ?? '1990-01-01'
  const memberNo = options.memberNo ?? formatMemberNo(memberNoPrefix(association, now), 9000 + n)
  const first17 = `${MEMBER_NO_REGION[association]}${birthDate.replaceAll('-', '')}${String((n * 2 + (gender === '男' ? 1 : 0)) % 1000).padStart(3, '0')}`
  const name = options.record?.name ?? `测试会员${n}`
  const base = {
    memberNo,
    name,
    gender,
    associationCode: association,
    idType: '居民身份证',
    idNumber: first17 + idCheckChar(first17),
    phone: `139${memberNo.slice(-8)}`,
    email: `member${n}@example.com`,
    workUnit: '杭州某某会计服务有限公司',
    certificateNo: `2019${memberNo.slice(0, 2)}00${String(n).padStart(5, '0')}`,
    ethnicity: '汉族',
    birthDate,
    politicalStatus: '群众',
    region: '浙江省',
    household: '浙江省杭州市西湖区',
    education: '大学本科',
    status: 'active' as const,
    ...options.record,
  }
  const hours =
    typeof options.hours === 'number'
      ? options.hours
        ? [{ source: 'online' as const, hours: options.hours, title: '国家会计学院 网络课程' }]
        : []
      : (options.hours ?? [])
  const account: DemoAccount = {
    userType,
    username: memberNo,
    password: PASSWORD,
    role: 'member',
    associationCode: association,
    displayName: name,
    mustChangePassword: options.mustChangePassword ?? false,
    situation: 'test',
  }
  const joined = options.joined ?? { years: 2, monthDay: '06-18' }
  const info = options.info === true ? completeInfo(base) : options.info || undefined
  await seedAccount(account)
  await seedMember(
    {
      ...base,
      account,
      hours,
      feeStatus: options.fee ?? '去支付',
      joined,
      ...(info ? { inspectionInfo: info } : {}),
      ...(options.wechatUser ? { wechatUser: options.wechatUser } : {}),
    },
    now,
  )
  const signed = await signIn(api, account)
  return { ...signed, member: { ...base, userType, joinDate: demoJoinDate({ joined }, now) } }
}

async function aStaff(api: ApiClient, role: 'local_staff' | 'cicpa_staff', association: string): Promise<SignedIn> {
  const n = ++serial
  const account: DemoAccount = {
    userType: 'staff',
    username: `${association.toLowerCase()}_staff_${n}`,
    password: PASSWORD,
    role,
    associationCode: association,
    displayName: `${association}审核员${n}`,
    mustChangePassword: false,
    situation: 'test',
  }
  await seedAccount(account)
  return signIn(api, account)
}

/** A fresh reviewer of one local association, signed in. */
export const aLocalStaff = (api: ApiClient, association: string) => aStaff(api, 'local_staff', association)

/** A fresh CICPA reviewer, signed in. */
export const aCicpaStaff = (api: ApiClient) => aStaff(api, 'cicpa_staff', 'CICPA')

export interface ApplicationOptions {
  /** Fields of the form other than the defaults of `applicationFor` (孙悦 of 浙江). */
  form?: Record<string, unknown>
  /** How far the application got: submitted, approved by its local association (then by CICPA too), or sent back. */
  stage?: 'local_pending' | 'cicpa_pending' | 'approved' | 'returned'
  returnReason?: string
}

/** A 入会申请 submitted the way the mini-program submits one, then decided by a built reviewer as far as `stage`. */
export async function anApplication(api: ApiClient, options: ApplicationOptions = {}) {
  const form = applicationFor(String(++serial % 1000).padStart(3, '0'), options.form)
  const submitted = await submitApplication(api, { ...form, ...(await preparedApplicant(api)) })
  if (submitted.status !== 200) throw new Error(`submit: ${JSON.stringify(submitted.body)}`)
  const businessNo = submitted.body.businessNo as string
  const stage = options.stage ?? 'local_pending'
  if (stage !== 'local_pending') {
    const reviewer = await aLocalStaff(api, form.associationCode as string)
    const { version } = await reviewer.ok('admissionReview', { params: { businessNo } })
    const action = stage === 'returned' ? 'return' : 'approve'
    await reviewer.ok('admissionDecide', { params: { businessNo }, body: { action, opinion: options.returnReason ?? '同意', version } })
  }
  if (stage === 'approved') {
    const cicpa = await aCicpaStaff(api)
    const { version } = await cicpa.ok('admissionReview', { params: { businessNo } })
    await cicpa.ok('admissionDecide', { params: { businessNo }, body: { action: 'approve', opinion: '同意', version } })
  }
  return { businessNo, form }
}

/** Every institute's demo course catalogue for this year of continuing education, as `npm start` has it. */
export const theDemoCourses = () => seedDemoCatalogues(clock.now())

/** Pays a WeChat Pay order as the payer would: the simulator signs the notification, the notify route checks it. */
export async function payOrder(api: ApiClient, outTradeNo: string) {
  const notification = await api.ok('simulatePayment', { params: { outTradeNo } })
  const response = await fetch(`${api.baseUrl}/api/v1/payments/wechat/notify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...notification.headers },
    body: notification.body,
  })
  if (response.status !== 200) throw new Error(`payment notification answered ${response.status}`)
}

/** The member's institute chosen for this year through the app and, when `paid`, the learning fee paid. */
export async function anEnrolment(
  api: ApiClient,
  member: SignedMember,
  options: { institute?: RouteBody<'chooseInstitute'>['institute']; paid?: boolean } = {},
) {
  await member.ok('chooseInstitute', { body: { institute: options.institute ?? 'BNAI' } })
  if (options.paid) await payOrder(api, (await member.ok('createLearningFeeOrder')).outTradeNo)
}

/**
 * A member's 发表专业文章 claim of 8 hours for the 年检年度 (its proof uploaded as the app does),
 * passed by `passedBy` when one is given.
 */
export async function anArticleClaim(member: SignedMember, options: { title?: string; passedBy?: SignedIn } = {}) {
  const presigned = await member.ok('presignProof', { body: { fileName: '文章刊登页.pdf', size: PDF().length } })
  await uploadTo(presigned, PDF())
  const { claim } = await member.ok('submitOutputClaim', {
    body: {
      category: 'article',
      title: options.title ?? '论数据资产入表的审计应对',
      activityDate: `${inspectionYearAt(clock.now())}-12-20`,
      quantity: 1,
      description: '发表于《中国注册会计师》',
      proofs: [{ key: presigned.key, fileName: '文章刊登页.pdf' }],
    },
  })
  if (options.passedBy) {
    const { claim: read } = await options.passedBy.ok('claimDetail', { params: { id: claim.id } })
    await options.passedBy.ok('decideClaim', { params: { id: claim.id }, body: { decision: 'pass', opinion: '', version: read.version } })
  }
  return claim
}
