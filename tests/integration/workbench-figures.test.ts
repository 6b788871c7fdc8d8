import { describe, expect } from 'vitest'
import { recountFigures } from '../../functions/adapters/figures'
import { LOCAL_ASSOCIATIONS } from '../../shared/associations'
import type { RouteBody, RouteResponse } from '../../shared/api/contract'
import { anApplication, payOrder, type SignedIn, type SignedMember } from '../support/builders'
import { inspectionYear } from '../support/calendar'
import { PDF, uploadTo } from '../support/files'
import { test } from '../support/fixtures'

const year = inspectionYear()
type Shown = RouteResponse<'figures'>['associations'][number]

/** What the staff member's 年检统计 shows for their association, checked against a recount from the items. */
async function figuresOf(staff: SignedIn): Promise<Shown> {
  const [shown] = (await staff.ok('figures', { query: { year } })).associations
  const { members, applied, passed, returned, deferred, feePaid, hoursMet } = shown!
  expect({ members, applied, passed, returned, deferred, feePaid, hoursMet }).toEqual(await recountFigures(shown!.association.code, year))
  return shown!
}

const idOf = (member: SignedMember) => `${member.member.memberNo}-${year}`
const apply = (member: SignedMember) => member.ok('submitInspection', { body: { year, commitmentAccepted: true } })

async function decideInspection(staff: SignedIn, member: SignedMember, decision: 'pass' | 'return', version?: number) {
  const params = { id: idOf(member) }
  const read = version ?? (await staff.ok('inspectionDetail', { params })).version
  return staff.call('decideInspection', { params, body: { decision, opinion: decision === 'return' ? '请补充学时证明材料。' : '', version: read } })
}

async function proof(member: SignedMember) {
  const presigned = await member.ok('presignProof', { body: { fileName: '证明.pdf', size: PDF().length } })
  await uploadTo(presigned, PDF())
  return { key: presigned.key, fileName: '证明.pdf' }
}

const articleClaim = async (member: SignedMember) =>
  (
    await member.ok('submitOutputClaim', {
      body: {
        category: 'article',
        title: '论数据资产入表的审计应对',
        activityDate: `${year}-12-20`,
        quantity: 1,
        description: '发表于《中国注册会计师》',
        proofs: [await proof(member)],
      },
    })
  ).claim.id

/** Half a year abroad: the year's requirement goes down by 20 hours once approved. */
const exemptionClaim = async (member: SignedMember) =>
  (
    await member.ok('submitExemptionClaim', {
      body: {
        year,
        reason: 'abroad',
        periodFrom: `${year}-01-01`,
        periodTo: `${year}-06-30`,
        description: '外派新加坡分公司工作',
        proofs: [await proof(member)],
      },
    })
  ).claim.id

async function passClaim(staff: SignedIn, id: string) {
  const { claim } = await staff.ok('claimDetail', { params: { id } })
  return staff.call('decideClaim', { params: { id }, body: { decision: 'pass', opinion: '', version: claim.version } })
}

const payFee = async (api: Parameters<typeof payOrder>[0], member: SignedMember) => payOrder(api, (await member.ok('createFeeOrder')).outTradeNo)

describe('年检统计 counters', () => {
  test('follow every kind of change and equal a recount after each', async ({ stack, aMember, aLocalStaff, cicpaStaff }) => {
    const staff = await aLocalStaff('AH')
    expect(await figuresOf(staff)).toMatchObject({ association: { code: 'AH', name: '安徽省注册会计师协会' }, members: 0, applied: 0 })

    const zhang = await aMember({ association: 'AH', hours: 40, fee: '免会费', info: true })
    const li = await aMember({ association: 'AH', hours: 32, fee: '去支付', info: true })
    const wang = await aMember({ association: 'AH', hours: 30, fee: '待确认' })
    const zhou = await aMember({ association: 'AH', hours: 0, fee: '去支付' })
    expect(await figuresOf(staff)).toMatchObject({ members: 4, applied: 0, notApplied: 4, feePaid: 1, feeUnpaid: 3, hoursMet: 1 })

    await apply(zhang)
    expect(await figuresOf(staff)).toMatchObject({ applied: 1, notApplied: 3, returned: 0 })
    await decideInspection(staff, zhang, 'return')
    expect(await figuresOf(staff)).toMatchObject({ applied: 1, returned: 1 })
    await apply(zhang)
    expect(await figuresOf(staff)).toMatchObject({ applied: 1, returned: 0 })
    await decideInspection(staff, zhang, 'pass')
    expect(await figuresOf(staff)).toMatchObject({ applied: 1, passed: 1 })
    const revoke = {
      correction: 'revoke',
      reason: '学时证明系伪造',
      version: (await staff.ok('inspectionDetail', { params: { id: idOf(zhang) } })).version,
    } as const
    await staff.ok('correctInspection', { params: { id: idOf(zhang) }, body: revoke satisfies RouteBody<'correctInspection'> })
    expect(await figuresOf(staff)).toMatchObject({ applied: 1, passed: 0 })

    const presigned = await zhou.ok('presignMaterial', { body: { purpose: 'deferral', fileName: '工作证明.pdf', size: 2048 } })
    await uploadTo(presigned, PDF())
    await zhou.ok('attachMaterial', { body: { purpose: 'deferral', fileName: '工作证明.pdf', key: presigned.key } })
    await zhou.ok('submitDeferral', { body: { year, commitmentAccepted: true, reason: '派驻海外工作，无法按时完成继续教育。' } })
    await decideInspection(staff, zhou, 'pass')
    expect(await figuresOf(staff)).toMatchObject({ applied: 2, notApplied: 2, deferred: 1, passed: 0 })

    await payFee(stack.api, li)
    const feeParams = { id: idOf(wang) }
    const { version } = await staff.ok('feeReview', { params: feeParams })
    await staff.ok('decideFee', { params: feeParams, body: { decision: 'confirm', opinion: '', version } })
    expect(await figuresOf(staff)).toMatchObject({ feePaid: 3, feeUnpaid: 1 })

    expect((await passClaim(staff, await articleClaim(li))).status).toBe(200)
    expect(await figuresOf(staff)).toMatchObject({ hoursMet: 2 })
    // 30 hours done against a requirement lowered to 20: met without a single new hour.
    expect((await passClaim(staff, await exemptionClaim(wang))).status).toBe(200)
    expect(await figuresOf(staff)).toMatchObject({ hoursMet: 3 })

    const zjStaff = await aLocalStaff('ZJ')
    const before = await figuresOf(zjStaff)
    await anApplication(stack.api, { stage: 'approved' })
    expect((await figuresOf(zjStaff)).members).toBe(before.members + 1)

    const national = await cicpaStaff.ok('figures', { query: { year } })
    expect(national.associations.map((row) => row.association.code)).toEqual(LOCAL_ASSOCIATIONS.map((association) => association.code))
    expect(national.associations.find((row) => row.association.code === 'AH')).toEqual(await figuresOf(staff))
    expect((await zhang.refused('figures', { query: { year } })).status).toBe(403)
    expect((await staff.refused('figures', { query: { year: 'abc' as never } })).status).toBe(400)
  })

  test('equal a recount after decisions, resubmissions, payments and hours race on many members', async ({ stack, aMember, aLocalStaff }) => {
    const [one, other] = [await aLocalStaff('JS'), await aLocalStaff('JS')]
    const applicants = await Promise.all(Array.from({ length: 4 }, () => aMember({ association: 'JS', hours: 40, fee: '免会费', info: true })))
    // 16 hours: met only when both the article's 8 hours and the exemption (requirement 40 → 20) count.
    const learners = await Promise.all(Array.from({ length: 3 }, () => aMember({ association: 'JS', hours: 16, fee: '去支付' })))
    const claims = await Promise.all(learners.map(async (member) => ({ article: await articleClaim(member), exemption: await exemptionClaim(member) })))
    await Promise.all(applicants.map(apply))

    const versions = await Promise.all(applicants.map(async (member) => (await one.ok('inspectionDetail', { params: { id: idOf(member) } })).version))
    await Promise.all([
      // Two reviewers decide each application from the same version: one decision per item stands.
      ...applicants.flatMap((member, index) => [
        decideInspection(one, member, 'pass', versions[index]),
        decideInspection(other, member, 'return', versions[index]),
      ]),
      ...learners.flatMap((member, index) => [payFee(stack.api, member), passClaim(one, claims[index]!.article), passClaim(other, claims[index]!.exemption)]),
    ])
    const afterDecisions = await figuresOf(one)
    expect(afterDecisions.passed + afterDecisions.returned).toBe(applicants.length)
    expect(afterDecisions).toMatchObject({ members: 7, applied: 4, feePaid: 7, hoursMet: 7 })

    const statuses = await Promise.all(applicants.map(async (member) => (await one.ok('inspectionDetail', { params: { id: idOf(member) } })).status))
    const returned = applicants.filter((_, index) => statuses[index] === 'returned')
    const passed = applicants.filter((_, index) => statuses[index] === 'passed')
    await Promise.all([
      ...returned.map(apply),
      ...passed.map(async (member) => {
        const { version } = await other.ok('inspectionDetail', { params: { id: idOf(member) } })
        await other.ok('correctInspection', { params: { id: idOf(member) }, body: { correction: 'reopen', reason: '重新审核', version } })
      }),
    ])
    expect(await figuresOf(one)).toMatchObject({ applied: 4, passed: 0, returned: 0 })
  })
})
