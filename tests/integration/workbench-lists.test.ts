import { afterEach, beforeEach, describe, expect } from 'vitest'
import type { InboxItem } from '../../shared/api/workbench-schemas'
import { chinaDate, chinaYear } from '../../shared/china-time'
import type { CallOptions } from '../support/api-client'
import { anApplication, type SignedIn, type SignedMember } from '../support/builders'
import { inspectionYear, setClock, testDayStart, useTestDay } from '../support/calendar'
import { test } from '../support/fixtures'

const DAY_MS = 24 * 3600_000

const WEEK_MS = 7 * DAY_MS

/**
 * The day these tests act on: the test day, or a week later when the test day is in the first week
 * of its year, so that the days counted back from it (`dayOf`) stay in the same year — and with it
 * the 年检年度 and fee year — and come before it in the same order on any date.
 */
function anchorDay(): Date {
  const start = testDayStart()
  const sameYearAWeekBack = chinaYear(new Date(start.getTime() - WEEK_MS)) === chinaYear(start)
  return sameYearAWeekBack ? start : new Date(start.getTime() + WEEK_MS)
}

const useAnchorDay = () => setClock(anchorDay().toISOString())

/** Noon of the k-th day (k < 7) before the anchor day. */
const dayOf = (k: number): Date => new Date(anchorDay().getTime() - k * DAY_MS)

/** The member declares an offline fee payment on day k: it waits in the association's 线下缴费 inbox. */
async function declareOn(member: SignedMember, k: number) {
  setClock(dayOf(k).toISOString())
  await member.ok('declareOfflineFee', { body: { note: '银行转账' } })
  useAnchorDay()
}

const feeId = (member: SignedMember) => `${member.member.memberNo}-${inspectionYear()}`

async function decideFee(staff: SignedIn, member: SignedMember, decision: 'confirm' | 'reject') {
  const params = { id: feeId(member) }
  const { version } = await staff.ok('feeReview', { params })
  await staff.ok('decideFee', { params, body: { decision, opinion: decision === 'reject' ? '未查到该笔转账' : '', version } })
}

type FeeQuery = NonNullable<CallOptions<'inboxItems'>['query']>

const feeList = (staff: SignedIn, query: FeeQuery = {}) => staff.ok('inboxItems', { params: { kind: 'fee_confirmation' }, query })

/** Every page of a list, reading the next only after `between` ran: what a reviewer paging through sees. */
async function allPages(staff: SignedIn, query: FeeQuery, between: (page: number) => Promise<void> = async () => {}) {
  const seen: InboxItem[] = []
  let cursor: string | undefined
  for (let page = 1; ; page++) {
    const answer = await feeList(staff, { ...query, ...(cursor ? { cursor } : {}) })
    seen.push(...answer.items)
    cursor = answer.nextCursor
    if (!cursor) return seen
    await between(page)
  }
}

beforeEach(() => useAnchorDay())
afterEach(() => useTestDay())

describe('待办 lists', () => {
  test('pages with a cursor: nothing lost or repeated while items are decided and submitted between pages', async ({ aMember, aLocalStaff }) => {
    const staff = await aLocalStaff('JS')
    const members = await Promise.all([0, 1, 2, 3, 4, 5].map(() => aMember({ association: 'JS' })))
    for (const [index, member] of members.entries()) await declareOn(member, 6 - index)
    const late = await aMember({ association: 'JS' })

    expect(await staff.ok('inboxCount', { params: { kind: 'fee_confirmation' } })).toEqual({ count: 6 })
    // Oldest first by default; newest first on request.
    expect((await feeList(staff)).items.map((item) => item.id)).toEqual(members.map(feeId))
    expect((await feeList(staff, { order: 'newest' })).items.map((item) => item.id)).toEqual(members.map(feeId).reverse())

    // Pages of 2. After page 1 its last item (the cursor's own) and one not yet read are decided,
    // and a new declaration arrives; after page 2 its last item is decided.
    const seen = await allPages(staff, { limit: 2 }, async (page) => {
      if (page === 1) {
        await decideFee(staff, members[1]!, 'confirm')
        await decideFee(staff, members[3]!, 'reject')
        await late.ok('declareOfflineFee', { body: { note: '银行转账' } })
      }
      if (page === 2) await decideFee(staff, members[4]!, 'confirm')
    })
    // Read once each, in order; only the one decided before its page was read is missing.
    expect(seen.map((item) => item.id)).toEqual([0, 1, 2, 4, 5].map((index) => feeId(members[index]!)).concat(feeId(late)))
    expect(seen[0]).toMatchObject({ kind: 'fee_confirmation', number: members[0]!.member.memberNo, year: inspectionYear(), state: 'new' })
  })

  test('filters by state, year and submission dates, and counts what a filter matches', async ({ aMember, aLocalStaff }) => {
    const staff = await aLocalStaff('AH')
    const [first, returned, third] = await Promise.all([0, 1, 2].map(() => aMember({ association: 'AH' })))
    await declareOn(first!, 5)
    await declareOn(returned!, 4)
    await declareOn(third!, 2)
    await decideFee(staff, returned!, 'reject')
    await declareOn(returned!, 3)

    const resubmitted = await feeList(staff, { state: 'resubmitted' })
    expect(resubmitted.items.map((item) => item.id)).toEqual([feeId(returned!)])
    expect(resubmitted.items[0]).toMatchObject({ state: 'resubmitted', version: expect.any(Number) })
    expect(await staff.ok('inboxCount', { params: { kind: 'fee_confirmation' }, query: { state: 'new' } })).toEqual({ count: 2 })
    expect((await feeList(staff, { year: inspectionYear() })).items).toHaveLength(3)
    expect((await feeList(staff, { year: inspectionYear() - 1 })).items).toEqual([])

    // China dates, both ends inclusive: the 3rd and 2nd days back (either order of days).
    const [from, to] = [chinaDate(dayOf(3)), chinaDate(dayOf(2))].sort()
    const between = await feeList(staff, { from: from!, to: to! })
    expect(between.items.map((item) => item.id).sort()).toEqual([feeId(returned!), feeId(third!)].sort())
    expect(await staff.ok('inboxCount', { params: { kind: 'fee_confirmation' }, query: { from: from!, to: to! } })).toEqual({ count: 2 })
    const oneDay = chinaDate(dayOf(5))
    expect((await feeList(staff, { from: oneDay, to: oneDay })).items.map((item) => item.id)).toEqual([feeId(first!)])

    const backwards = await staff.refused('inboxItems', { params: { kind: 'fee_confirmation' }, query: { from: to!, to: from! } })
    expect(backwards).toMatchObject({ status: 400, body: { fieldErrors: { to: '提交日期止不能早于提交日期起' } } })
  })

  test('finds items by 会员编号, 业务编号 and name, whole or by their beginning', async ({ aMember, aLocalStaff, stack }) => {
    const [staff, zjStaff] = [await aLocalStaff('SH'), await aLocalStaff('ZJ')]
    const [qian, qianDuo, sun] = await Promise.all(['钱多', '钱多多', '孙悟空'].map((name) => aMember({ association: 'SH', fee: '待确认', record: { name } })))
    const search = async (q: string, kind: 'fee_confirmation' | 'admission' = 'fee_confirmation') =>
      (await (kind === 'admission' ? zjStaff : staff).ok('inboxItems', { params: { kind }, query: { q } })).items.map((item) => item.id)

    expect(await search(qian!.member.memberNo)).toEqual([feeId(qian!)])
    // The beginning of a number matches every number it starts; the exact one comes first.
    const prefix = qian!.member.memberNo.slice(0, 8)
    expect((await search(prefix)).sort()).toEqual([qian, qianDuo, sun].map((member) => feeId(member!)).sort())
    // A name typed whole finds it first, then the longer names it begins.
    expect(await search('钱多')).toEqual([feeId(qian!), feeId(qianDuo!)])
    expect(await search('钱多多')).toEqual([feeId(qianDuo!)])
    expect(await search('孙')).toEqual([feeId(sun!)])
    expect(await search('赵')).toEqual([])
    expect(await staff.ok('inboxCount', { params: { kind: 'fee_confirmation' }, query: { q: '钱' } })).toEqual({ count: 2 })

    // An applicant has no member number yet: the 业务编号 finds the application, in either case.
    const { businessNo } = await anApplication(stack.api, { form: { associationCode: 'ZJ' } })
    expect(await search(businessNo, 'admission')).toEqual([businessNo])
    expect(await search(businessNo.slice(0, 10).toLowerCase(), 'admission')).toContain(businessNo)
    // Searching one kind never lists another kind's items.
    expect(await search(qian!.member.memberNo, 'admission')).toEqual([])
    expect((await zjStaff.ok('inboxItems', { params: { kind: 'fee_confirmation' }, query: { q: '钱' } })).items).toEqual([])
  })

  test('keeps each level to its own items, and refuses a cursor it did not hand out', async ({ aMember, aLocalStaff, aCicpaStaff }) => {
    const [fjStaff, bjStaff, cicpa] = [await aLocalStaff('FJ'), await aLocalStaff('BJ'), await aCicpaStaff()]
    const [fj1, fj2] = await Promise.all([0, 1].map(() => aMember({ association: 'FJ', fee: '待确认' })))

    expect((await feeList(bjStaff, { q: fj1!.member.memberNo })).items).toEqual([])
    expect((await feeList(bjStaff)).items.map((item) => item.id)).not.toContain(feeId(fj1!))
    expect((await cicpa.refused('inboxItems', { params: { kind: 'fee_confirmation' } })).status).toBe(403)
    expect((await cicpa.refused('inboxCount', { params: { kind: 'fee_confirmation' } })).status).toBe(403)

    const first = await feeList(fjStaff, { limit: 1 })
    expect(first.nextCursor).toBeDefined()
    const refusals = [
      'not-a-cursor',
      Buffer.from('{"PK":1}').toString('base64url'),
      // A position in 北京's list is not one in 福建's.
      Buffer.from(JSON.stringify({ PK: `MEMBER#${fj2!.member.memberNo}`, SK: 'FEE#1', GSI1PK: 'PENDING#BJ#fee_confirmation', GSI1SK: 'x' })).toString(
        'base64url',
      ),
    ]
    for (const cursor of refusals) {
      const refused = await fjStaff.refused('inboxItems', { params: { kind: 'fee_confirmation' }, query: { cursor } })
      expect(refused).toMatchObject({
        status: 400,
        body: { message: '分页位置无效，请从第一页重新查看', fieldErrors: { cursor: '分页位置无效，请从第一页重新查看' } },
      })
    }
    expect((await bjStaff.refused('inboxItems', { params: { kind: 'fee_confirmation' }, query: { cursor: first.nextCursor! } })).status).toBe(400)
    expect((await fjStaff.refused('inboxItems', { params: { kind: 'fee_confirmation' }, query: { cursor: first.nextCursor!, q: '钱' } })).status).toBe(400)
  })
})

describe('已办', () => {
  test("lists the level's decisions of a year, by decision, kind and search, page by page", async ({ aMember, aLocalStaff, aCicpaStaff, stack }) => {
    const [staff, zjStaff, bjStaff] = [await aLocalStaff('JX'), await aLocalStaff('ZJ'), await aLocalStaff('BJ')]
    const [paid, notPaid] = await Promise.all(['周全', '吴用'].map((name) => aMember({ association: 'JX', fee: '待确认', record: { name } })))
    await decideFee(staff, paid!, 'confirm')
    await decideFee(staff, notPaid!, 'reject')
    const { businessNo } = await anApplication(stack.api, { form: { associationCode: 'ZJ' }, stage: 'cicpa_pending' })
    const year = inspectionYear()
    const handled = (query: Partial<NonNullable<CallOptions<'handled'>['query']>> = {}) => staff.ok('handled', { query: { year, ...query } })

    const fees = await handled({ kind: 'fee_confirmation' })
    expect(fees.items.map((item) => item.id)).toEqual([feeId(notPaid!), feeId(paid!)])
    expect(fees.items[0]).toMatchObject({
      kind: 'fee_confirmation',
      title: '吴用',
      number: notPaid!.member.memberNo,
      year,
      decision: 'rejected',
      opinion: '未查到该笔转账',
      decidedBy: staff.account.displayName,
    })
    expect((await handled({ decision: 'rejected' })).items.map((item) => item.id)).toEqual([feeId(notPaid!)])
    expect((await handled({ q: '周' })).items.map((item) => item.id)).toEqual([feeId(paid!)])
    expect((await handled({ q: paid!.member.memberNo, decision: 'rejected' })).items).toEqual([])
    // Forwarding an application to CICPA is the association's 通过, filed under the year it was submitted.
    const admissions = await zjStaff.ok('handled', { query: { year: chinaYear(testDayStart()), kind: 'admission', q: businessNo } })
    expect(admissions.items).toEqual([expect.objectContaining({ id: businessNo, decision: 'approved' })])
    // It now waits for CICPA's level only.
    const waitsAt = async (reviewer: SignedIn) =>
      (await reviewer.ok('inboxItems', { params: { kind: 'admission' }, query: { q: businessNo } })).items.map((item) => item.id)
    expect(await waitsAt(await aCicpaStaff())).toEqual([businessNo])
    expect(await waitsAt(zjStaff)).toEqual([])

    const first = await handled({ kind: 'fee_confirmation', limit: 1 })
    const second = await handled({ kind: 'fee_confirmation', limit: 1, cursor: first.nextCursor! })
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual([feeId(notPaid!), feeId(paid!)])
    expect(second.nextCursor).toBeUndefined()

    expect((await handled({ year: year - 1 })).items).toEqual([])
    expect((await bjStaff.ok('handled', { query: { year } })).items.map((item) => item.id)).not.toContain(feeId(paid!))
  })
})
