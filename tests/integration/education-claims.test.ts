import { HeadObjectCommand } from '@aws-sdk/client-s3'
import { describe, expect } from 'vitest'
import { s3 } from '../../functions/adapters/s3'
import { config } from '../../functions/config'
import type { RouteBody } from '../../shared/api/contract'
import type { SignedIn, SignedMember } from '../support/builders'
import { inspectionYear, learningYear } from '../support/calendar'
import { EXE, MB, PDF, PNG, uploadTo } from '../support/files'
import { test } from '../support/fixtures'

const year = learningYear()
// Claims for the 年检年度 (last year: what was achieved in December is claimed in January) count
// towards the inspection members apply for now.
const inspected = inspectionYear()
const lastDecember = `${inspected}-12-20`

/** What the contract would not let a caller type, sent on purpose to see the server refuse it. */
const outsideContract = (value: unknown) => value as never

async function proof(member: SignedMember, fileName = '证明.pdf', content: Uint8Array = PDF()) {
  const presigned = await member.ok('presignProof', { body: { fileName, size: content.length } })
  await uploadTo(presigned, content)
  return { key: presigned.key, fileName }
}

const article = async (member: SignedMember, overrides: Partial<RouteBody<'submitOutputClaim'>> = {}): Promise<RouteBody<'submitOutputClaim'>> => ({
  category: 'article',
  title: '论数据资产入表的审计应对',
  activityDate: lastDecember,
  quantity: 1,
  description: '发表于《中国注册会计师》',
  proofs: [await proof(member)],
  ...overrides,
})

/** A decision on the claim as the reviewer last read it. */
async function decisionOn(staff: SignedIn, id: string, decision: 'pass' | 'return', opinion = '') {
  const detail = await staff.ok('claimDetail', { params: { id } })
  return { params: { id }, body: { decision, opinion, version: detail.claim.version } }
}
const decide = async (staff: SignedIn, id: string, decision: 'pass' | 'return', opinion = '') =>
  staff.call('decideClaim', await decisionOn(staff, id, decision, opinion))
const decided = async (staff: SignedIn, id: string, decision: 'pass' | 'return', opinion = '') =>
  staff.ok('decideClaim', await decisionOn(staff, id, decision, opinion))

const inboxIds = async (staff: SignedIn, kind: 'output_hours') => (await staff.ok('inboxItems', { params: { kind } })).items.map((item) => item.id)
const outputHours = async (member: SignedMember) =>
  (await member.ok('hoursReport', { query: { year: inspected } })).bySource.find((entry) => entry.source === 'output')!.hours

/** 孙磊: 36 of the 40 hours, fee confirmed and 完善信息 saved, so only hours stand between him and the inspection. */
const sunOptions = { hours: 36, fee: '已确认', info: true, record: { name: '孙磊' } } as const

/** 孙磊's article claim, waiting for 浙江注协. */
const claimedTest = test.extend<{ sun: SignedMember; claimId: string }>({
  sun: async ({ aMember }, use) => use(await aMember(sunOptions)),
  claimId: async ({ sun }, use) => use((await sun.ok('submitOutputClaim', { body: await article(sun) })).claim.id),
})

describe('证明材料 uploads', () => {
  test('refuses a wrong type or an oversized file before anything is uploaded', async ({ member }) => {
    const exe = await member.refused('presignProof', { body: { fileName: 'virus.exe', size: 1000 } })
    expect(exe.status).toBe(400)
    expect(exe.body.fieldErrors?.fileName).toBe('仅支持pdf、jpg、png、xls格式的文件')
    const big = await member.refused('presignProof', { body: { fileName: '证明.pdf', size: 6 * MB } })
    expect(big.body.fieldErrors?.size).toBe('单个附件大小不能超过5MB')
  })

  test('refuses a claim whose proof is not what its name says, and deletes it', async ({ member }) => {
    const disguised = await proof(member, '证明.pdf', EXE())
    const answer = await member.refused('submitOutputClaim', { body: await article(member, { proofs: [disguised] }) })
    expect(answer.status).toBe(400)
    expect(answer.body.fieldErrors?.['proofs.0.key']).toContain('格式')
    await expect(s3().send(new HeadObjectCommand({ Bucket: config.bucketName, Key: disguised.key }))).rejects.toThrow()
  })

  test('refuses another member’s upload as proof', async ({ member, aMember }) => {
    const theirs = await proof(await aMember())
    const answer = await member.refused('submitOutputClaim', { body: await article(member, { proofs: [theirs] }) })
    expect(answer.status).toBe(400)
    expect(answer.body.fieldErrors?.['proofs.0.key']).toBe('附件“证明.pdf”不存在，请重新上传')
  })

  test('takes an upload as proof of one claim only, and the first claim keeps it', async ({ member: li }) => {
    const shared = await proof(li, '共用证明.pdf')
    const first = await li.ok('submitOutputClaim', { body: await article(li, { title: '第一篇', proofs: [shared] }) })
    const second = await li.refused('submitOutputClaim', { body: await article(li, { title: '第二篇', proofs: [shared] }) })
    expect(second.status).toBe(409)
    expect(second.body.fieldErrors?.['proofs.0.key']).toBe('附件“共用证明.pdf”已添加过，同一文件只能添加一次')
    expect((await li.ok('listClaims')).claims).toHaveLength(1)
    expect((await fetch(first.proofs[0]!.url)).status).toBe(200)
  })

  test('says an empty proof is empty and bounds the declared size in Chinese', async ({ member }) => {
    expect((await member.refused('presignProof', { body: { fileName: '证明.pdf', size: 0 } })).body.fieldErrors?.size).toBe('文件为空，请重新选择')
    expect((await member.refused('presignProof', { body: { fileName: '证明.pdf', size: 1e300 } })).body.fieldErrors?.size).toBe('单个附件大小不能超过5MB')
    const presigned = await member.ok('presignProof', { body: { fileName: '空白.pdf', size: 100 } })
    await uploadTo(presigned, new Uint8Array(0))
    const empty = { key: presigned.key, fileName: '空白.pdf' }
    const answer = await member.refused('submitOutputClaim', { body: await article(member, { proofs: [empty] }) })
    expect(answer.status).toBe(400)
    expect(answer.body.fieldErrors?.['proofs.0.key']).toBe('附件“空白.pdf”为空文件，请重新选择')
  })
})

describe('产出式学时', () => {
  test('names each bad field in Chinese and stores nothing', async ({ member }) => {
    const bad = await member.refused('submitOutputClaim', {
      body: outsideContract({ category: 'poem', title: '', activityDate: '2026-02-30', quantity: 0, proofs: [] }),
    })
    expect(bad.status).toBe(400)
    expect(bad.body.fieldErrors).toMatchObject({
      category: '请选择有效的产出类别',
      title: '请填写成果名称',
      activityDate: '取得日期不是有效日期',
      quantity: '数量不能小于1',
      proofs: '请上传证明材料',
    })
    const future = await member.refused('submitOutputClaim', { body: await article(member, { activityDate: `${year + 1}-01-02` }) })
    expect(future.body.fieldErrors?.activityDate).toBe('取得日期不能晚于今天')
    const old = await member.refused('submitOutputClaim', { body: await article(member, { activityDate: `${year - 2}-06-01` }) })
    expect(old.body.fieldErrors?.activityDate).toBe(`取得日期须在${year}年或${year - 1}年内`)
    expect((await member.ok('listClaims')).claims).toEqual([])
  })

  test('submits a claim that waits in the association’s inbox; the same claim twice is refused', async ({ aMember, localStaff }) => {
    const sun = await aMember(sunOptions)
    const body = await article(sun)
    const answer = await sun.ok('submitOutputClaim', { body })
    expect(answer.claim).toMatchObject({
      kind: 'output',
      status: 'pending',
      statusLabel: '待注协审核',
      requestedHours: 8,
      creditedHours: null,
      year: inspected,
    })
    expect(answer.claim.output?.rule).toBe('每篇8学时，每年最多24学时')
    expect(answer.proofs).toHaveLength(1)
    expect(answer.trail[0]!.node).toBe('会员提交产出式学时申请')
    expect(await inboxIds(localStaff, 'output_hours')).toContain(answer.claim.id)
    const again = await sun.refused('submitOutputClaim', { body: { ...body, proofs: [await proof(sun)] } })
    expect(again.status).toBe(409)
    expect(again.body.message).toBe('已提交过相同的申请（审核中或已通过），请勿重复提交')
  })

  claimedTest('shows a claim to its member and the own association only', async ({ sun, claimId, member: zhou, localStaff, aLocalStaff }) => {
    const params = { id: claimId }
    const bjStaff = await aLocalStaff('BJ')
    await sun.ok('claimDetail', { params })
    expect((await zhou.refused('claimDetail', { params })).status).toBe(404)
    expect((await bjStaff.refused('claimDetail', { params })).status).toBe(403)
    expect((await bjStaff.refused('decideClaim', { params, body: { decision: 'pass', opinion: '', version: 1 } })).status).toBe(403)
    expect((await sun.refused('decideClaim', { params, body: { decision: 'pass', opinion: '', version: 1 } })).status).toBe(403)
    expect((await localStaff.refused('claimDetail', { params: { id: 'not-an-id' } })).body.fieldErrors?.id).toBe('申请编号格式不正确')
    const proofUrl = (await localStaff.ok('claimDetail', { params })).proofs[0]!.url
    expect((await fetch(proofUrl)).status).toBe(200)
  })

  claimedTest('needs a reason to return and the version the reviewer saw', async ({ claimId, localStaff }) => {
    const params = { id: claimId }
    const noReason = await localStaff.refused('decideClaim', { params, body: { decision: 'return', opinion: '', version: 1 } })
    expect(noReason.body.fieldErrors?.opinion).toBe('退回时请填写退回原因')
    const stale = await localStaff.refused('decideClaim', { params, body: { decision: 'pass', opinion: '', version: 0 } })
    expect(stale.status).toBe(409)
  })

  claimedTest('credits the approved hours, which unblock the annual inspection', async ({ sun, claimId, localStaff }) => {
    const before = await sun.ok('inspectionOverview')
    expect(before.blockers).toEqual(['累计已完成学时 36 未达到应完成学时 40，还需完成 4 学时'])
    const answers = await Promise.all([decide(localStaff, claimId, 'pass'), decide(localStaff, claimId, 'pass')])
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409])
    expect(answers.find((answer) => answer.status === 200)!.body).toMatchObject({ claim: { status: 'approved', creditedHours: 8, capNote: null } })
    expect(await inboxIds(localStaff, 'output_hours')).not.toContain(claimId)
    const hours = await sun.ok('hoursReport', { query: { year: inspected } })
    expect(hours).toMatchObject({ done: 44, missing: 0 })
    expect(await outputHours(sun)).toBe(8)
    const after = await sun.ok('inspectionOverview')
    expect(after.hours).toEqual({ required: 40, done: 44, missing: 0 })
    expect(after.blockers).toEqual([])
    expect((await sun.ok('memberMessages')).items[0]).toMatchObject({
      subject: 'hours_claim',
      subjectId: claimId,
      title: '您的产出式学时申请“论数据资产入表的审计应对”已通过，认可8学时',
      read: false,
    })
  })

  claimedTest('caps a category per year and explains the cap when it bites', async ({ sun, claimId, localStaff }) => {
    await decided(localStaff, claimId, 'pass')
    const second = await sun.ok('submitOutputClaim', { body: await article(sun, { title: '函证程序的数字化', quantity: 2 }) })
    await decided(localStaff, second.claim.id, 'pass')
    const third = await sun.ok('submitOutputClaim', { body: await article(sun, { title: '审计质量管理的实践', quantity: 1 }) })
    const detail = await localStaff.ok('claimDetail', { params: { id: third.claim.id } })
    expect(detail.categoryCreditedInYear).toBe(24)
    const capped = (await decided(localStaff, third.claim.id, 'pass')).claim
    expect(capped.creditedHours).toBe(0)
    expect(capped.capNote).toBe('“在省级以上专业刊物公开发表专业文章”每年最多认可24学时，本年度已认可24学时，本次申报8学时，认可0学时')
    expect(await outputHours(sun)).toBe(24)
  })

  test('never lets concurrent approvals together pass a category’s cap', async ({ member, localStaff }) => {
    const seminar = async (title: string) =>
      (
        await member.ok('submitOutputClaim', {
          body: { category: 'seminar', title, activityDate: lastDecember, quantity: 2, proofs: [await proof(member, '发言.png', PNG())] },
        })
      ).claim.id
    const ids = [await seminar('行业研讨会主题发言一'), await seminar('行业研讨会主题发言二')]
    const answers = await Promise.all(ids.map((id) => decide(localStaff, id, 'pass')))
    // One may lose the race on the category total (409, nothing written) and is simply decided again.
    for (const [index, answer] of answers.entries()) if (answer.status === 409) await decided(localStaff, ids[index]!, 'pass')
    const claims = (await member.ok('listClaims', { query: { kind: 'output' } })).claims.filter((claim) => claim.output?.category === 'seminar')
    expect(claims.map((claim) => claim.creditedHours).sort()).toEqual([0, 4])
  })

  test('returns a claim with the reason; the member may then claim it again', async ({ member: zhou, localStaff }) => {
    const body = await article(zhou, { category: 'exam', title: '通过税务师《税法一》', quantity: 1 })
    const submitted = (await zhou.ok('submitOutputClaim', { body })).claim
    const returned = await decided(localStaff, submitted.id, 'return', '请补充成绩单')
    expect(returned.claim).toMatchObject({ status: 'returned', statusLabel: '已退回', returnReason: '请补充成绩单' })
    expect(returned.trail.map((entry) => entry.node)).toEqual(['会员提交产出式学时申请', '地方注协退回产出式学时申请'])
    expect((await zhou.ok('memberMessages')).items[0]).toMatchObject({ opinion: '请补充成绩单', subjectId: submitted.id })
    expect(await outputHours(zhou)).toBe(0)
    expect((await decide(localStaff, submitted.id, 'pass')).status).toBe(409)
    await zhou.ok('submitOutputClaim', { body: { ...body, proofs: [await proof(zhou)] } })
  })
})

describe('减免学时', () => {
  const exemption = async (member: SignedMember, overrides: Partial<RouteBody<'submitExemptionClaim'>> = {}): Promise<RouteBody<'submitExemptionClaim'>> => ({
    year,
    reason: 'abroad',
    periodFrom: `${year}-01-01`,
    periodTo: `${year}-06-30`,
    description: '外派新加坡分公司工作',
    proofs: [await proof(member)],
    ...overrides,
  })
  /** 王芳 of 北京, whose claims 北京注协 decides. */
  const wangTest = test.extend<{ wang: SignedMember; bjStaff: SignedIn }>({
    wang: async ({ aMember }, use) => use(await aMember({ association: 'BJ', record: { name: '王芳' } })),
    bjStaff: async ({ aLocalStaff }, use) => use(await aLocalStaff('BJ')),
  })
  const inspectedPeriod = (from: string, to: string) => ({ year: inspected, periodFrom: `${inspected}-${from}`, periodTo: `${inspected}-${to}` })

  wangTest('checks reason, period and year', async ({ wang }) => {
    const submit = async (overrides: Partial<RouteBody<'submitExemptionClaim'>>) =>
      wang.refused('submitExemptionClaim', { body: await exemption(wang, overrides) })
    const bad = await submit({ reason: outsideContract('bored'), periodTo: `${year - 1}-12-01`, description: '' })
    expect(bad.status).toBe(400)
    expect(bad.body.fieldErrors).toMatchObject({ reason: '请选择有效的减免原因', description: '请填写情况说明' })
    expect((await submit({ periodTo: `${year - 1}-12-01` })).body.fieldErrors?.periodTo).toBe('截止日期不能早于起始日期')
    expect((await submit({ periodFrom: `${year - 1}-01-01`, periodTo: `${year - 1}-03-01` })).body.fieldErrors?.periodFrom).toBe(`减免期间须在${year}年度内`)
    expect((await submit({ year: year - 3 })).body.fieldErrors?.year).toBe(`减免年度须在${year}年或${year - 1}年内`)
  })

  wangTest('lowers the year’s required hours once the association approves', async ({ wang, bjStaff, localStaff: zjStaff }) => {
    const submitted = await wang.ok('submitExemptionClaim', { body: await exemption(wang, inspectedPeriod('01-01', '06-30')) })
    expect(submitted.claim).toMatchObject({ kind: 'exemption', requestedHours: 20, summary: `${inspected}-01-01 至 ${inspected}-06-30` })
    expect((await wang.ok('hoursReport', { query: { year: inspected } })).required).toBe(40)
    const params = { id: submitted.claim.id }
    expect((await zjStaff.refused('decideClaim', { params, body: { decision: 'pass', opinion: '', version: 1 } })).status).toBe(403)
    await decided(bjStaff, submitted.claim.id, 'pass')
    expect(await wang.ok('hoursReport', { query: { year: inspected } })).toMatchObject({ required: 20, exempted: 20 })
    expect((await wang.ok('inspectionOverview')).hours.required).toBe(20)
  })

  wangTest('lowers the inspection’s requirement by the approved months together, rounded once', async ({ wang, bjStaff }) => {
    const firstHalf = await wang.ok('submitExemptionClaim', { body: await exemption(wang, inspectedPeriod('01-01', '06-30')) })
    await decided(bjStaff, firstHalf.claim.id, 'pass')
    for (const month of ['08', '10']) {
      const single = await wang.ok('submitExemptionClaim', { body: await exemption(wang, inspectedPeriod(`${month}-01`, `${month}-31`)) })
      expect(single.claim.requestedHours).toBe(4)
      await decided(bjStaff, single.claim.id, 'pass')
    }
    // Eight twelfths of 40 are 26.7 → 27, where the claims' own hours (20 + 4 + 4) would make 28.
    expect(await wang.ok('hoursReport', { query: { year: inspected } })).toMatchObject({ required: 13, exempted: 27 })
    expect((await wang.ok('inspectionOverview')).hours.required).toBe(13)
  })
})

describe('减免学时 periods cannot overlap', () => {
  const claimPeriod = async (member: SignedMember, from: string, to: string) =>
    member.call('submitExemptionClaim', {
      body: { year, reason: 'illness', periodFrom: `${year}-${from}`, periodTo: `${year}-${to}`, description: '住院治疗', proofs: [await proof(member)] },
    })
  const claimed = async (member: SignedMember, from: string, to: string) => {
    const answer = await claimPeriod(member, from, to)
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    return (answer.body as { claim: { id: string } }).claim.id
  }
  const overlapMessage = (from: string, to: string, status: string, months: string) =>
    `减免期间与${year}年度减免学时申请（${year}-${from} 至 ${year}-${to}，${status}）重叠：${months}已申请减免，同一月份只能减免一次`
  /** 张晓明's claim for March and April, waiting for 浙江注协. */
  const springTest = test.extend<{ zhang: SignedMember; spring: string }>({
    zhang: async ({ aMember }, use) => use(await aMember({ record: { name: '张晓明' } })),
    spring: async ({ zhang }, use) => use(await claimed(zhang, '03-01', '04-30')),
  })

  springTest('refuses a period sharing a month with a pending claim, and names that claim under the field', async ({ zhang, spring }) => {
    const overlapping = await claimPeriod(zhang, '04-15', '08-31')
    expect(overlapping.status).toBe(409)
    const message = overlapMessage('03-01', '04-30', '待注协审核', `${year}年4月`)
    expect(overlapping.body).toMatchObject({ message, fieldErrors: { periodFrom: message } })
    // Months count in full, so days that do not overlap still share the month.
    expect((await claimPeriod(zhang, '04-20', '04-30')).body).toMatchObject({ message })
    expect((await claimPeriod(zhang, '01-01', '12-31')).body).toMatchObject({ message: overlapMessage('03-01', '04-30', '待注协审核', `${year}年3月至4月`) })
    expect((await zhang.ok('listClaims', { query: { kind: 'exemption' } })).claims.map((claim) => claim.id)).toEqual([spring])
  })

  springTest('accepts an adjacent period that starts in the next month', async ({ zhang, spring }) => {
    const may = await claimed(zhang, '05-01', '05-31')
    const pending = (await zhang.ok('listClaims', { query: { kind: 'exemption' } })).claims.filter((claim) => claim.status === 'pending')
    expect(pending.map((claim) => claim.id).sort()).toEqual([spring, may].sort())
  })

  springTest('refuses a period overlapping an approved claim', async ({ zhang, spring, localStaff }) => {
    await decided(localStaff, spring, 'pass')
    const overlapping = await claimPeriod(zhang, '01-01', '03-31')
    expect(overlapping.status).toBe(409)
    expect(overlapping.body).toMatchObject({ fieldErrors: { periodFrom: overlapMessage('03-01', '04-30', '已通过', `${year}年3月`) } })
  })

  springTest('lets a returned claim’s months be claimed again', async ({ zhang, spring, localStaff }) => {
    await decided(localStaff, spring, 'pass')
    const may = await claimed(zhang, '05-01', '05-31')
    await decided(localStaff, may, 'return', '请补充诊断证明')
    await decided(localStaff, await claimed(zhang, '05-10', '05-31'), 'pass')
    // March to May together: three twelfths of 40 = 10, not 7 (two months) + 4 (one month) rounded up apart.
    expect(await zhang.ok('hoursReport')).toMatchObject({ required: 30, exempted: 10 })
  })

  test('accepts exactly one of two overlapping claims sent at the same moment', async ({ member: zhang }) => {
    const answers = await Promise.all([claimPeriod(zhang, '09-01', '10-31'), claimPeriod(zhang, '10-01', '11-30')])
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409])
    const accepted = (answers.find((answer) => answer.status === 200)!.body as { claim: { id: string; exemption: { periodFrom: string; periodTo: string } } })
      .claim
    const refused = answers.find((answer) => answer.status === 409)!.body
    expect(refused).toMatchObject({
      fieldErrors: { periodFrom: overlapMessage(accepted.exemption.periodFrom.slice(5), accepted.exemption.periodTo.slice(5), '待注协审核', `${year}年10月`) },
    })
    const autumn = (await zhang.ok('listClaims', { query: { kind: 'exemption' } })).claims.filter(
      (claim) => claim.status === 'pending' && claim.exemption!.periodTo >= `${year}-09-01`,
    )
    expect(autumn.map((claim) => claim.id)).toEqual([accepted.id])
  })
})
