import { describe, expect } from 'vitest'
import type { RouteBody, RouteResponse } from '../../shared/api/contract'
import type { ApprovalKind } from '../../shared/approvals'
import { anApplication, type SignedIn, type SignedMember } from '../support/builders'
import { inspectionYear } from '../support/calendar'
import { test } from '../support/fixtures'

/** Nothing blocks these members' 年检申请. */
const eligible = (association: string, name: string) => ({ association, hours: 40, fee: '免会费', info: true, record: { name } }) as const

const idOf = (member: SignedMember) => `${member.member.memberNo}-${inspectionYear()}`
const submit = (member: SignedMember) => member.ok('submitInspection', { body: { year: inspectionYear(), commitmentAccepted: true } })
const statusOf = async (staff: SignedIn, member: SignedMember) => (await staff.ok('inspectionDetail', { params: { id: idOf(member) } })).status
const pending = async (staff: SignedIn, kind: ApprovalKind = 'inspection') => (await staff.ok('inboxItems', { params: { kind }, query: { limit: 100 } })).items
const batch = (staff: SignedIn, body: RouteBody<'batchPass'>, kind: ApprovalKind = 'inspection') => staff.call('batchPass', { params: { kind }, body })
/** What the contract would not let a caller type, sent on purpose to see the server refuse it. */
const outsideContract = (body: unknown) => body as never

/** Each test works in an association of its own, so "all that match" is only what the test built. */
async function applicants(aMember: (options: ReturnType<typeof eligible>) => Promise<SignedMember>, association: string, names: string[]) {
  const members = []
  for (const name of names) {
    const member = await aMember(eligible(association, name))
    await submit(member)
    members.push(member)
  }
  return members
}

describe('批量通过 of ticked items', () => {
  test('passes what the screen showed and lists, untouched, what changed meanwhile', async ({ aMember, aLocalStaff }) => {
    const [zhao, qian, sun, li, zhou] = await applicants(aMember, 'AH', ['赵一', '钱二', '孙三', '李四', '周五'])
    const [wu] = await applicants(aMember, 'JX', ['吴六'])
    const reviewer = await aLocalStaff('AH')
    const colleague = await aLocalStaff('AH')
    const shown = new Map((await pending(reviewer)).map((item) => [item.id, item.version]))
    const seen = (member: SignedMember) => ({ id: idOf(member), version: shown.get(idOf(member))! })

    // Before the batch: a colleague passes 钱二; 孙三 is returned and submits again (a newer version).
    await colleague.ok('decideInspection', { params: { id: idOf(qian!) }, body: { decision: 'pass', opinion: '', version: shown.get(idOf(qian!))! } })
    await colleague.ok('decideInspection', { params: { id: idOf(sun!) }, body: { decision: 'return', opinion: '请补充材料', version: shown.get(idOf(sun!))! } })
    await submit(sun!)

    // During the batch: the colleague returns 周五 at the same moment; whichever write lands first wins.
    const [answer, race] = await Promise.all([
      batch(reviewer, { items: [zhao, qian, sun, li, zhou].map((member) => seen(member!)).concat({ id: idOf(wu!), version: 1 }) }),
      colleague.call('decideInspection', {
        params: { id: idOf(zhou!) },
        body: { decision: 'return', opinion: '材料不清晰', version: shown.get(idOf(zhou!))! },
      }),
    ])
    expect(answer.status).toBe(200)
    const { passed, changed } = answer.body as RouteResponse<'batchPass'>
    const reasons = Object.fromEntries(changed.map((item) => [item.id, item.reason]))
    expect(reasons[idOf(qian!)]).toBe('该申请已办理（年检通过），请刷新后查看')
    expect(reasons[idOf(sun!)]).toBe('申请人已重新提交，请刷新后重新审核')
    // Another association's item is not passed, and the answer does not name its member.
    expect(changed).toContainEqual({ id: idOf(wu!), title: idOf(wu!), reason: '无权访问该数据' })
    expect(passed).toEqual(
      expect.arrayContaining([
        { id: idOf(zhao!), title: '赵一' },
        { id: idOf(li!), title: '李四' },
      ]),
    )
    // Nothing lost: every item is in exactly one list, and 周五 went the way of the write that won.
    expect([...passed, ...changed].map((item) => item.id).sort()).toEqual([zhao, qian, sun, li, zhou, wu].map((member) => idOf(member!)).sort())
    const zhouPassed = passed.some((item) => item.id === idOf(zhou!))
    expect(race.status).toBe(zhouPassed ? 409 : 200)
    expect(await statusOf(reviewer, zhou!)).toBe(zhouPassed ? 'passed' : 'returned')

    expect(await statusOf(reviewer, zhao!)).toBe('passed')
    expect(await statusOf(reviewer, sun!)).toBe('pending')
    expect(await statusOf(await aLocalStaff('JX'), wu!)).toBe('pending')
    // The batch wrote what one-by-one passing writes: the trail's 同意 and the member's message.
    const trail = (await reviewer.ok('inspectionDetail', { params: { id: idOf(li!) } })).trail
    expect(trail.at(-1)).toMatchObject({ unit: '安徽省注册会计师协会', opinion: '同意' })
    expect((await li!.ok('memberMessages')).items[0]).toMatchObject({ title: `您的${inspectionYear()}年度年检申请已通过`, opinion: '同意' })
    expect((await pending(reviewer)).map((item) => item.title)).toEqual(['孙三'])
  })

  test('passes admissions to CICPA, offline fees and good-standing certificates through their own decisions', async ({
    stack,
    aMember,
    aLocalStaff,
    aCicpaStaff,
  }) => {
    const { businessNo } = await anApplication(stack.api, { form: { associationCode: 'FJ' } })
    const payer = await aMember({ association: 'FJ', fee: '去支付' })
    await payer.ok('declareOfflineFee', { body: { note: '已于银行转账' } })
    const fujian = await aLocalStaff('FJ')
    const [application] = await pending(fujian, 'admission')
    const [fee] = await pending(fujian, 'fee_confirmation')
    expect((await batch(fujian, { items: [{ id: businessNo, version: application!.version }] }, 'admission')).body).toMatchObject({
      passed: [{ id: businessNo }],
      changed: [],
    })
    expect(await batch(fujian, { items: [{ id: fee!.id, version: fee!.version }] }, 'fee_confirmation')).toMatchObject({ status: 200, body: { changed: [] } })
    expect((await payer.ok('inspectionOverview')).fee).toBe('已确认')

    const cicpa = await aCicpaStaff()
    expect((await cicpa.ok('admissionReview', { params: { businessNo } })).stage).toBe('cicpa_pending')
    const applicant = await aMember({ association: 'FJ' })
    await applicant.ok('applyGoodStanding', { body: { englishName: 'Test Member', purpose: 'Employment abroad', addressee: 'To whom it may concern' } })
    const certificate = (await pending(cicpa, 'good_standing')).find((item) => item.number === applicant.member.memberNo)!
    expect((await batch(cicpa, { items: [{ id: certificate.id, version: certificate.version }] }, 'good_standing')).body).toMatchObject({
      passed: [{ id: certificate.id, title: applicant.member.name }],
    })
    expect((await applicant.ok('myGoodStanding')).applications[0]?.status).toBe('approved')
  })
})

describe('批量通过 of all that match a filter', () => {
  test('passes exactly the counted matches, and refuses when more match than were confirmed', async ({ aMember, aLocalStaff }) => {
    const members = await applicants(aMember, 'HB', ['郑一', '王二', '冯三'])
    const reviewer = await aLocalStaff('HB')
    // 冯三 comes back after a return: the filter 首次提交 leaves him out.
    const [feng] = members.slice(-1)
    const { version } = await reviewer.ok('inspectionDetail', { params: { id: idOf(feng!) } })
    await reviewer.ok('decideInspection', { params: { id: idOf(feng!) }, body: { decision: 'return', opinion: '请补充材料', version } })
    await submit(feng!)
    const filter = { year: inspectionYear(), state: 'new' } as const
    expect((await reviewer.ok('inboxCount', { params: { kind: 'inspection' }, query: filter })).count).toBe(2)

    // A new submission after the count was confirmed: more match than confirmed, nothing is passed.
    await applicants(aMember, 'HB', ['褚四'])
    const refused = await reviewer.refused('batchPass', { params: { kind: 'inspection' }, body: { filter, expectedCount: 2 } })
    expect(refused.status).toBe(409)
    expect(refused.body.message).toContain('多于确认的2项')
    expect((await pending(reviewer)).length).toBe(4)

    const answer = await reviewer.ok('batchPass', { params: { kind: 'inspection' }, body: { filter, expectedCount: 3 } })
    expect(answer.passed.map((item) => item.title)).toEqual(['郑一', '王二', '褚四'])
    expect(answer.changed).toEqual([])
    expect((await pending(reviewer)).map((item) => item.title)).toEqual(['冯三'])
  })
})

describe('批量通过 refusals', () => {
  test('refuses bad input, kinds that stay one by one and other levels with Chinese messages, writing nothing', async ({ localStaff, cicpaStaff, member }) => {
    const refused = async (staff: SignedIn, body: unknown, kind: ApprovalKind = 'inspection') => {
      const answer = await staff.refused('batchPass', { params: { kind }, body: outsideContract(body) })
      return { status: answer.status, message: answer.body.message, fieldErrors: answer.body.fieldErrors }
    }
    expect(await refused(localStaff, { items: [] })).toMatchObject({ status: 400, fieldErrors: { items: '请至少选择一项' } })
    const tooMany = Array.from({ length: 501 }, (_, n) => ({ id: `x${n}`, version: 1 }))
    expect(await refused(localStaff, { items: tooMany })).toMatchObject({ status: 400, fieldErrors: { items: '一次最多批量通过500项' } })
    expect((await refused(localStaff, { items: [{ id: 'x', version: -1 }] })).fieldErrors).toBeDefined()
    expect((await refused(localStaff, { filter: {}, expectedCount: 0 })).status).toBe(400)
    expect(await refused(localStaff, { filter: { from: '2026-03-02', to: '2026-03-01' }, expectedCount: 1 })).toMatchObject({
      status: 400,
      fieldErrors: { to: '提交日期止不能早于提交日期起' },
    })
    expect(await refused(localStaff, { items: [{ id: 'x', version: 1 }] }, 'output_hours')).toMatchObject({
      status: 400,
      fieldErrors: { kind: '产出式学时须逐项审核，不能批量通过' },
    })
    expect(await refused(cicpaStaff, { items: [{ id: 'x', version: 1 }] }, 'admission')).toMatchObject({ status: 400 })
    expect(await refused(cicpaStaff, { items: [{ id: 'x', version: 1 }] })).toMatchObject({ status: 403, message: '该类事项不由本级审批' })
    expect((await refused(member, { items: [{ id: 'x', version: 1 }] })).status).toBe(403)
  })
})
