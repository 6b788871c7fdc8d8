import { HeadObjectCommand } from '@aws-sdk/client-s3'
import { inspectionYear, learningYear } from '../support/calendar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { s3 } from '../../functions/adapters/s3'
import { config } from '../../functions/config'
import { DEMO_MEMBERS, DEMO_STAFF } from '../../functions/local/demo-data'
import { EXE, MB, PDF, PNG, uploadTo } from '../support/files'
import { startTestStack } from '../support/stack'

let stack: Awaited<ReturnType<typeof startTestStack>>
const member = (memberNo: string) => DEMO_MEMBERS.find((candidate) => candidate.memberNo === memberNo)!.account
const sun = member('330000260007')
const zhou = member('330000260006')
const wang = member('110000260003')
const zhang = member('330000260001')
const [, zjStaff, bjStaff] = DEMO_STAFF as [any, any, any]
const tokens: Record<string, string> = {}
type Who = { userType: any; username: string; password: string }
const token = async (who: Who) => (tokens[who.username] ??= await stack.api.token(who.userType, who.username, who.password))
const call = async (method: string, path: string, who: Who | null, body?: unknown) =>
  stack.api.request(method, path, { token: who ? await token(who) : undefined, body })

const year = learningYear()
// Claims for the 年检年度 (last year: what was achieved in December is claimed in January) count
// towards the inspection members apply for now.
const inspected = inspectionYear()
const lastDecember = `${inspected}-12-20`

async function proof(who: Who, fileName = '证明.pdf', content: Uint8Array = PDF()) {
  const presigned = await call('POST', '/api/v1/education/proofs/uploads', who, { fileName, size: content.length })
  expect(presigned.status, JSON.stringify(presigned.body)).toBe(200)
  await uploadTo(presigned.body, content)
  return { key: presigned.body.key as string, fileName }
}

const article = async (who: Who, overrides: Record<string, unknown> = {}) => ({
  category: 'article',
  title: '论数据资产入表的审计应对',
  activityDate: lastDecember,
  quantity: 1,
  description: '发表于《中国注册会计师》',
  proofs: [await proof(who)],
  ...overrides,
})

async function decide(who: Who, id: string, decision: 'pass' | 'return', opinion = '') {
  const detail = (await call('GET', `/api/v1/education/claims/${id}`, who)).body
  return call('POST', `/api/v1/staff/hours-claims/${id}/decision`, who, { decision, opinion, version: detail.claim.version })
}

async function inboxIds(kind: string) {
  return (await call('GET', `/api/v1/staff/inbox/${kind}`, zjStaff)).body.items.map((item: { id: string }) => item.id)
}

beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(() => stack?.stop())

describe('证明材料 uploads', () => {
  it('refuses a wrong type or an oversized file before anything is uploaded', async () => {
    const exe = await call('POST', '/api/v1/education/proofs/uploads', sun, { fileName: 'virus.exe', size: 1000 })
    expect(exe.status).toBe(400)
    expect(exe.body.fieldErrors.fileName).toBe('仅支持pdf、jpg、png、xls格式的文件')
    const big = await call('POST', '/api/v1/education/proofs/uploads', sun, { fileName: '证明.pdf', size: 6 * MB })
    expect(big.body.fieldErrors.size).toBe('单个附件大小不能超过5MB')
  })

  it('refuses a claim whose proof is not what its name says, and deletes it', async () => {
    const disguised = await proof(sun, '证明.pdf', EXE())
    const answer = await call('POST', '/api/v1/education/output-claims', sun, await article(sun, { proofs: [disguised] }))
    expect(answer.status).toBe(400)
    expect(answer.body.fieldErrors['proofs.0.key']).toContain('格式')
    await expect(s3().send(new HeadObjectCommand({ Bucket: config.bucketName, Key: disguised.key }))).rejects.toThrow()
  })

  it('refuses another member’s upload as proof', async () => {
    const theirs = await proof(zhou)
    const answer = await call('POST', '/api/v1/education/output-claims', sun, await article(sun, { proofs: [theirs] }))
    expect(answer.status).toBe(400)
    expect(answer.body.fieldErrors['proofs.0.key']).toBe('附件“证明.pdf”不存在，请重新上传')
  })

  it('takes an upload as proof of one claim only, and the first claim keeps it', async () => {
    const li = member('330000260002')
    const shared = await proof(li, '共用证明.pdf')
    const first = await call('POST', '/api/v1/education/output-claims', li, await article(li, { title: '第一篇', proofs: [shared] }))
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    const second = await call('POST', '/api/v1/education/output-claims', li, await article(li, { title: '第二篇', proofs: [shared] }))
    expect(second.status).toBe(409)
    expect(second.body.fieldErrors['proofs.0.key']).toBe('附件“共用证明.pdf”已添加过，同一文件只能添加一次')
    expect((await call('GET', '/api/v1/education/claims', li)).body.claims).toHaveLength(1)
    expect((await fetch(first.body.proofs[0].url)).status).toBe(200)
  })

  it('says an empty proof is empty and bounds the declared size in Chinese', async () => {
    expect((await call('POST', '/api/v1/education/proofs/uploads', sun, { fileName: '证明.pdf', size: 0 })).body.fieldErrors.size).toBe('文件为空，请重新选择')
    expect((await call('POST', '/api/v1/education/proofs/uploads', sun, { fileName: '证明.pdf', size: 1e300 })).body.fieldErrors.size).toBe(
      '单个附件大小不能超过5MB',
    )
    const presigned = await call('POST', '/api/v1/education/proofs/uploads', sun, { fileName: '空白.pdf', size: 100 })
    await uploadTo(presigned.body, new Uint8Array(0))
    const empty = { key: presigned.body.key as string, fileName: '空白.pdf' }
    const answer = await call('POST', '/api/v1/education/output-claims', sun, await article(sun, { proofs: [empty] }))
    expect(answer.status).toBe(400)
    expect(answer.body.fieldErrors['proofs.0.key']).toBe('附件“空白.pdf”为空文件，请重新选择')
  })
})

describe('产出式学时', () => {
  it('names each bad field in Chinese and stores nothing', async () => {
    const bad = await call('POST', '/api/v1/education/output-claims', sun, { category: 'poem', title: '', activityDate: '2026-02-30', quantity: 0, proofs: [] })
    expect(bad.status).toBe(400)
    expect(bad.body.fieldErrors).toMatchObject({
      category: '请选择有效的产出类别',
      title: '请填写成果名称',
      activityDate: '取得日期不是有效日期',
      quantity: '数量不能小于1',
      proofs: '请上传证明材料',
    })
    const future = await call('POST', '/api/v1/education/output-claims', sun, await article(sun, { activityDate: `${year + 1}-01-02` }))
    expect(future.body.fieldErrors.activityDate).toBe('取得日期不能晚于今天')
    const old = await call('POST', '/api/v1/education/output-claims', sun, await article(sun, { activityDate: `${year - 2}-06-01` }))
    expect(old.body.fieldErrors.activityDate).toBe(`取得日期须在${year}年或${year - 1}年内`)
    expect((await call('GET', '/api/v1/education/claims', sun)).body.claims).toEqual([])
  })

  let claimId: string
  it('submits a claim that waits in the association’s inbox; the same claim twice is refused', async () => {
    const body = await article(sun)
    const answer = await call('POST', '/api/v1/education/output-claims', sun, body)
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    claimId = answer.body.claim.id
    expect(answer.body.claim).toMatchObject({
      kind: 'output',
      status: 'pending',
      statusLabel: '待注协审核',
      requestedHours: 8,
      creditedHours: null,
      year: inspected,
    })
    expect(answer.body.claim.output.rule).toBe('每篇8学时，每年最多24学时')
    expect(answer.body.proofs).toHaveLength(1)
    expect(answer.body.trail[0].node).toBe('会员提交产出式学时申请')
    expect(await inboxIds('output_hours')).toContain(claimId)
    const again = await call('POST', '/api/v1/education/output-claims', sun, { ...body, proofs: [await proof(sun)] })
    expect(again.status).toBe(409)
    expect(again.body.message).toBe('已提交过相同的申请（审核中或已通过），请勿重复提交')
  })

  it('shows a claim to its member and the own association only', async () => {
    expect((await call('GET', `/api/v1/education/claims/${claimId}`, sun)).status).toBe(200)
    expect((await call('GET', `/api/v1/education/claims/${claimId}`, zhou)).status).toBe(404)
    expect((await call('GET', `/api/v1/education/claims/${claimId}`, bjStaff)).status).toBe(403)
    expect((await call('POST', `/api/v1/staff/hours-claims/${claimId}/decision`, bjStaff, { decision: 'pass', opinion: '', version: 1 })).status).toBe(403)
    expect((await call('POST', `/api/v1/staff/hours-claims/${claimId}/decision`, sun, { decision: 'pass', opinion: '', version: 1 })).status).toBe(403)
    expect((await call('GET', '/api/v1/education/claims/not-an-id', zjStaff)).body.fieldErrors.id).toBe('申请编号格式不正确')
    const proofUrl = (await call('GET', `/api/v1/education/claims/${claimId}`, zjStaff)).body.proofs[0].url
    expect((await fetch(proofUrl)).status).toBe(200)
  })

  it('needs a reason to return and the version the reviewer saw', async () => {
    const noReason = await call('POST', `/api/v1/staff/hours-claims/${claimId}/decision`, zjStaff, { decision: 'return', opinion: '', version: 1 })
    expect(noReason.body.fieldErrors.opinion).toBe('退回时请填写退回原因')
    const stale = await call('POST', `/api/v1/staff/hours-claims/${claimId}/decision`, zjStaff, { decision: 'pass', opinion: '', version: 0 })
    expect(stale.status).toBe(409)
  })

  it('credits the approved hours, which unblock the annual inspection', async () => {
    const before = (await call('GET', '/api/v1/inspection/overview', sun)).body
    expect(before.blockers).toEqual(['累计已完成学时 36 未达到应完成学时 40，还需完成 4 学时'])
    const [first, second] = await Promise.all([decide(zjStaff, claimId, 'pass'), decide(zjStaff, claimId, 'pass')])
    expect([first.status, second.status].sort()).toEqual([200, 409])
    const approved = (first.status === 200 ? first : second).body
    expect(approved.claim).toMatchObject({ status: 'approved', creditedHours: 8, capNote: null })
    expect(await inboxIds('output_hours')).not.toContain(claimId)
    const hours = (await call('GET', `/api/v1/education/hours?year=${inspected}`, sun)).body
    expect(hours).toMatchObject({ done: 44, missing: 0 })
    expect(hours.bySource.find((entry: { source: string }) => entry.source === 'output').hours).toBe(8)
    const after = (await call('GET', '/api/v1/inspection/overview', sun)).body
    expect(after.hours).toEqual({ required: 40, done: 44, missing: 0 })
    expect(after.blockers).toEqual([])
    const messages = (await call('GET', '/api/v1/messages', sun)).body
    expect(messages.items[0]).toMatchObject({
      subject: 'hours_claim',
      subjectId: claimId,
      title: '您的产出式学时申请“论数据资产入表的审计应对”已通过，认可8学时',
      read: false,
    })
  })

  it('caps a category per year and explains the cap when it bites', async () => {
    const second = await call('POST', '/api/v1/education/output-claims', sun, await article(sun, { title: '函证程序的数字化', quantity: 2 }))
    await decide(zjStaff, second.body.claim.id, 'pass')
    const third = await call('POST', '/api/v1/education/output-claims', sun, await article(sun, { title: '审计质量管理的实践', quantity: 1 }))
    const detail = (await call('GET', `/api/v1/education/claims/${third.body.claim.id}`, zjStaff)).body
    expect(detail.categoryCreditedInYear).toBe(24)
    const capped = (await decide(zjStaff, third.body.claim.id, 'pass')).body.claim
    expect(capped.creditedHours).toBe(0)
    expect(capped.capNote).toBe('“在省级以上专业刊物公开发表专业文章”每年最多认可24学时，本年度已认可24学时，本次申报8学时，认可0学时')
    expect(
      (await call('GET', `/api/v1/education/hours?year=${inspected}`, sun)).body.bySource.find((entry: { source: string }) => entry.source === 'output').hours,
    ).toBe(24)
  })

  it('never lets concurrent approvals together pass a category’s cap', async () => {
    const seminar = async (title: string) =>
      (
        await call('POST', '/api/v1/education/output-claims', sun, {
          category: 'seminar',
          title,
          activityDate: lastDecember,
          quantity: 2,
          proofs: [await proof(sun, '发言.png', PNG())],
        })
      ).body.claim.id
    const ids = [await seminar('行业研讨会主题发言一'), await seminar('行业研讨会主题发言二')]
    const answers = await Promise.all(ids.map((id) => decide(zjStaff, id, 'pass')))
    // One may lose the race on the category total (409, nothing written) and is simply decided again.
    for (const [index, answer] of answers.entries()) if (answer.status === 409) expect((await decide(zjStaff, ids[index]!, 'pass')).status).toBe(200)
    const claims = (await call('GET', '/api/v1/education/claims?kind=output', sun)).body.claims.filter(
      (claim: { output: { category: string } }) => claim.output.category === 'seminar',
    )
    expect(claims.map((claim: { creditedHours: number }) => claim.creditedHours).sort()).toEqual([0, 4])
  })

  it('returns a claim with the reason; the member may then claim it again', async () => {
    const body = await article(zhou, { category: 'exam', title: '通过税务师《税法一》', quantity: 1 })
    const submitted = (await call('POST', '/api/v1/education/output-claims', zhou, body)).body.claim
    const returned = (await decide(zjStaff, submitted.id, 'return', '请补充成绩单')).body
    expect(returned.claim).toMatchObject({ status: 'returned', statusLabel: '已退回', returnReason: '请补充成绩单' })
    expect(returned.trail.map((entry: { node: string }) => entry.node)).toEqual(['会员提交产出式学时申请', '地方注协退回产出式学时申请'])
    expect((await call('GET', '/api/v1/messages', zhou)).body.items[0]).toMatchObject({ opinion: '请补充成绩单', subjectId: submitted.id })
    expect(
      (await call('GET', `/api/v1/education/hours?year=${inspected}`, zhou)).body.bySource.find((entry: { source: string }) => entry.source === 'output').hours,
    ).toBe(0)
    expect((await decide(zjStaff, submitted.id, 'pass')).status).toBe(409)
    const again = await call('POST', '/api/v1/education/output-claims', zhou, { ...body, proofs: [await proof(zhou)] })
    expect(again.status).toBe(200)
  })
})

describe('减免学时', () => {
  const exemption = async (who: Who, overrides: Record<string, unknown> = {}) => ({
    year,
    reason: 'abroad',
    periodFrom: `${year}-01-01`,
    periodTo: `${year}-06-30`,
    description: '外派新加坡分公司工作',
    proofs: [await proof(who)],
    ...overrides,
  })

  it('checks reason, period and year', async () => {
    const bad = await call(
      'POST',
      '/api/v1/education/exemption-claims',
      wang,
      await exemption(wang, { reason: 'bored', periodTo: `${year - 1}-12-01`, description: '' }),
    )
    expect(bad.status).toBe(400)
    expect(bad.body.fieldErrors).toMatchObject({ reason: '请选择有效的减免原因', description: '请填写情况说明' })
    const backwards = await call('POST', '/api/v1/education/exemption-claims', wang, await exemption(wang, { periodTo: `${year - 1}-12-01` }))
    expect(backwards.body.fieldErrors.periodTo).toBe('截止日期不能早于起始日期')
    const outside = await call(
      'POST',
      '/api/v1/education/exemption-claims',
      wang,
      await exemption(wang, { periodFrom: `${year - 1}-01-01`, periodTo: `${year - 1}-03-01` }),
    )
    expect(outside.body.fieldErrors.periodFrom).toBe(`减免期间须在${year}年度内`)
    const tooOld = await call('POST', '/api/v1/education/exemption-claims', wang, await exemption(wang, { year: year - 3 }))
    expect(tooOld.body.fieldErrors.year).toBe(`减免年度须在${year}年或${year - 1}年内`)
  })

  it('lowers the year’s required hours once the association approves', async () => {
    const submitted = await call(
      'POST',
      '/api/v1/education/exemption-claims',
      wang,
      await exemption(wang, { year: inspected, periodFrom: `${inspected}-01-01`, periodTo: `${inspected}-06-30` }),
    )
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
    expect(submitted.body.claim).toMatchObject({ kind: 'exemption', requestedHours: 20, summary: `${inspected}-01-01 至 ${inspected}-06-30` })
    expect((await call('GET', `/api/v1/education/hours?year=${inspected}`, wang)).body.required).toBe(40)
    const foreignStaff = await call('POST', `/api/v1/staff/hours-claims/${submitted.body.claim.id}/decision`, zjStaff, {
      decision: 'pass',
      opinion: '',
      version: 1,
    })
    expect(foreignStaff.status).toBe(403)
    expect((await decide(bjStaff, submitted.body.claim.id, 'pass')).status).toBe(200)
    const hours = (await call('GET', `/api/v1/education/hours?year=${inspected}`, wang)).body
    expect(hours).toMatchObject({ required: 20, exempted: 20 })
    expect((await call('GET', '/api/v1/inspection/overview', wang)).body.hours.required).toBe(20)
  })

  it('lowers the inspection’s requirement by the approved months together, rounded once', async () => {
    for (const month of ['08', '10']) {
      const single = await call(
        'POST',
        '/api/v1/education/exemption-claims',
        wang,
        await exemption(wang, { year: inspected, periodFrom: `${inspected}-${month}-01`, periodTo: `${inspected}-${month}-31` }),
      )
      expect(single.body.claim.requestedHours).toBe(4)
      expect((await decide(bjStaff, single.body.claim.id, 'pass')).status).toBe(200)
    }
    // Eight twelfths of 40 are 26.7 → 27, where the claims' own hours (20 + 4 + 4) would make 28.
    expect((await call('GET', `/api/v1/education/hours?year=${inspected}`, wang)).body).toMatchObject({ required: 13, exempted: 27 })
    expect((await call('GET', '/api/v1/inspection/overview', wang)).body.hours.required).toBe(13)
  })
})

describe('减免学时 periods cannot overlap', () => {
  const claimPeriod = async (from: string, to: string) =>
    call('POST', '/api/v1/education/exemption-claims', zhang, {
      year,
      reason: 'illness',
      periodFrom: `${year}-${from}`,
      periodTo: `${year}-${to}`,
      description: '住院治疗',
      proofs: [await proof(zhang)],
    })
  const overlapMessage = (from: string, to: string, status: string, months: string) =>
    `减免期间与${year}年度减免学时申请（${year}-${from} 至 ${year}-${to}，${status}）重叠：${months}已申请减免，同一月份只能减免一次`
  let spring: string
  let may: string

  it('refuses a period sharing a month with a pending claim, and names that claim under the field', async () => {
    const first = await claimPeriod('03-01', '04-30')
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    spring = first.body.claim.id
    const overlapping = await claimPeriod('04-15', '08-31')
    expect(overlapping.status).toBe(409)
    const message = overlapMessage('03-01', '04-30', '待注协审核', `${year}年4月`)
    expect(overlapping.body).toMatchObject({ message, fieldErrors: { periodFrom: message } })
    // Months count in full, so days that do not overlap still share the month.
    expect((await claimPeriod('04-20', '04-30')).body.message).toBe(message)
    expect((await claimPeriod('01-01', '12-31')).body.message).toBe(overlapMessage('03-01', '04-30', '待注协审核', `${year}年3月至4月`))
  })

  it('accepts an adjacent period that starts in the next month', async () => {
    const adjacent = await claimPeriod('05-01', '05-31')
    expect(adjacent.status, JSON.stringify(adjacent.body)).toBe(200)
    may = adjacent.body.claim.id
  })

  it('refuses a period overlapping an approved claim', async () => {
    expect((await decide(zjStaff, spring, 'pass')).status).toBe(200)
    const overlapping = await claimPeriod('01-01', '03-31')
    expect(overlapping.status).toBe(409)
    expect(overlapping.body.fieldErrors.periodFrom).toBe(overlapMessage('03-01', '04-30', '已通过', `${year}年3月`))
  })

  it('lets a returned claim’s months be claimed again', async () => {
    expect((await decide(zjStaff, may, 'return', '请补充诊断证明')).status).toBe(200)
    const again = await claimPeriod('05-10', '05-31')
    expect(again.status, JSON.stringify(again.body)).toBe(200)
    expect((await decide(zjStaff, again.body.claim.id, 'pass')).status).toBe(200)
    // March to May together: three twelfths of 40 = 10, not 7 (two months) + 4 (one month) rounded up apart.
    expect((await call('GET', '/api/v1/education/hours', zhang)).body).toMatchObject({ required: 30, exempted: 10 })
  })

  it('accepts exactly one of two overlapping claims sent at the same moment', async () => {
    const answers = await Promise.all([claimPeriod('09-01', '10-31'), claimPeriod('10-01', '11-30')])
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409])
    const accepted = answers.find((answer) => answer.status === 200)!.body.claim
    const refused = answers.find((answer) => answer.status === 409)!.body
    expect(refused.fieldErrors.periodFrom).toBe(
      overlapMessage(accepted.exemption.periodFrom.slice(5), accepted.exemption.periodTo.slice(5), '待注协审核', `${year}年10月`),
    )
    const autumn = (await call('GET', '/api/v1/education/claims?kind=exemption', zhang)).body.claims.filter(
      (claim: { status: string; exemption: { periodTo: string } }) => claim.status === 'pending' && claim.exemption.periodTo >= `${year}-09-01`,
    )
    expect(autumn.map((claim: { id: string }) => claim.id)).toEqual([accepted.id])
  })
})
