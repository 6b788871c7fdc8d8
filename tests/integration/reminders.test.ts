import { describe, expect } from 'vitest'
import { localOpenid } from '../../functions/adapters/wechat'
import { runRemindersJob } from '../../functions/local/reminders'
import type { SignedIn, SignedMember } from '../support/builders'
import { learningYear, setClock } from '../support/calendar'
import { test } from '../support/fixtures'

/**
 * The daily reminders job (issue 20) run in this process under its own role, as EventBridge starts
 * it, against the file's table. Each test has associations of its own (the job goes through the
 * associations it is given), and the clock says which day it is: the default window of the 年检年度
 * closes on 31 December of the test day's year.
 */
const year = learningYear()
const inspectionYear = year - 1
const closesOn = `${year}-12-31`
/** 08:00 China time on a December day of the test year, when the schedule starts the job. */
const on = (day: number) => setClock(`${year}-12-${String(day).padStart(2, '0')}T08:00:00+08:00`)

const reminders = async (member: SignedMember) =>
  (await member.ok('memberMessages')).items.filter((message) => message.subject === 'reminder').map((message) => message.opinion)

const wechatMessages = async (member: SignedMember, wechatUser: string) => {
  const { messages } = await member.ok('devOutbox', { query: { channel: 'wechat', recipient: localOpenid(wechatUser) } })
  return messages.map((message) => message.body)
}

const applyNow = (member: SignedMember) => member.ok('submitInspection', { body: { year: inspectionYear, commitmentAccepted: true } })

let users = 0
const wechatUser = () => `remind-${++users}-${Date.now()}`

describe('who the daily job reminds', () => {
  test('14 days before the window closes: each member who has not applied, with what they still owe', async ({ aMember }) => {
    on(17)
    const onlyDeadline = await aMember({ association: 'AH', hours: 40, fee: '免会费', info: true })
    const owesAll = await aMember({ association: 'AH', hours: 27.5, fee: '去支付' })
    const paysLater = await aMember({ association: 'AH', hours: 40, fee: '待确认' })
    const applied = await aMember({ association: 'AH', hours: 40, fee: '已确认', info: true })
    await applyNow(applied)
    const joinedLastYear = await aMember({ association: 'AH', joined: { years: 1, monthDay: '03-01' } })

    const run = await runRemindersJob({ associations: ['AH'] })

    expect(run.associations).toEqual([
      expect.objectContaining({ associationCode: 'AH', daysLeft: 14, closesOn, read: 5, reminded: 3, byReason: { window: 3, hours: 1, fee: 1 } }),
    ])
    const deadline = `您尚未提交${inspectionYear}年度年检申请，申请将于${closesOn}截止（还剩14天）`
    expect(await reminders(onlyDeadline)).toEqual([deadline])
    expect(await reminders(owesAll)).toEqual([`${deadline}；${inspectionYear}年度继续教育学时尚差12.50学时；${inspectionYear}年度会费尚未缴纳，请先完成缴费`])
    // 待确认 is not unpaid: the member paid offline and waits for staff.
    expect(await reminders(paysLater)).toEqual([deadline])
    expect(await reminders(applied)).toEqual([])
    expect(await reminders(joinedLastYear)).toEqual([])
    const [message] = (await owesAll.ok('memberMessages')).items
    expect(message).toMatchObject({ title: `${inspectionYear}年度年检申请即将截止`, node: '年检提醒', unit: '安徽省注册会计师协会', read: false })
  })

  test('on the 14th, 7th and last day before the window closes, never on the 13th', async ({ aMember }) => {
    on(16)
    const member = await aMember({ association: 'FJ', hours: 40, fee: '免会费' })
    const daysLeft = async (day: number) => {
      on(day)
      return (await runRemindersJob({ associations: ['FJ'] })).associations.map((run) => run.daysLeft)
    }
    expect(await daysLeft(16)).toEqual([])
    expect(await daysLeft(17)).toEqual([14])
    expect(await daysLeft(18)).toEqual([])
    expect(await daysLeft(24)).toEqual([7])
    expect(await daysLeft(30)).toEqual([1])
    expect(await daysLeft(31)).toEqual([])
    expect((await reminders(member)).map((opinion) => opinion.match(/还剩(\d+)天/)?.[1])).toEqual(['1', '7', '14'])
  })

  test('a returned application is owed again; one pending or passed is not', async ({ aMember, aLocalStaff }) => {
    on(24)
    const staff: SignedIn = await aLocalStaff('JX')
    const returned = await aMember({ association: 'JX', hours: 40, fee: '免会费', info: true })
    const pending = await aMember({ association: 'JX', hours: 40, fee: '免会费', info: true })
    await applyNow(returned)
    await applyNow(pending)
    const params = { id: `${returned.member.memberNo}-${inspectionYear}` }
    const { version } = await staff.ok('inspectionDetail', { params })
    await staff.ok('decideInspection', { params, body: { decision: 'return', opinion: '材料不清晰', version } })

    await runRemindersJob({ associations: ['JX'] })
    expect(await reminders(returned)).toHaveLength(1)
    expect(await reminders(pending)).toEqual([])
  })

  test('goes by each association’s own window: another association’s members are not told', async ({ aMember, aLocalStaff }) => {
    on(10)
    const staff = await aLocalStaff('SD')
    const { version } = await staff.ok('inspectionNotice')
    await staff.ok('saveInspectionNotice', {
      body: { notice: '请按时参加年检。', version, windowYear: inspectionYear, opensOn: `${year}-01-01`, closesOn: `${year}-12-17` },
    })
    const shandong = await aMember({ association: 'SD', hours: 10, fee: '去支付' })
    const henan = await aMember({ association: 'HA', hours: 10, fee: '去支付' })

    const run = await runRemindersJob({ associations: ['SD', 'HA'] })

    expect(run.associations.map(({ associationCode, daysLeft }) => ({ associationCode, daysLeft }))).toEqual([{ associationCode: 'SD', daysLeft: 7 }])
    expect(await reminders(shandong)).toEqual([
      `您尚未提交${inspectionYear}年度年检申请，申请将于${year}-12-17截止（还剩7天）；${inspectionYear}年度继续教育学时尚差30学时；${inspectionYear}年度会费尚未缴纳，请先完成缴费`,
    ])
    expect(await reminders(henan)).toEqual([])
  })
})

describe('each reminder goes out once', () => {
  test('a member who accepted 待办事项提醒 gets one WeChat message beside the 🔔 message; a rerun sends nothing new', async ({ aMember }) => {
    on(24)
    const user = wechatUser()
    const member = await aMember({ association: 'HB', hours: 28, fee: '去支付', wechatUser: user })
    const unbound = await aMember({ association: 'HB', hours: 40, fee: '免会费' })

    const first = await runRemindersJob({ associations: ['HB'] })
    expect(first.associations[0]).toMatchObject({ reminded: 2, alreadyReminded: 0, wechat: { sent: 1, unbound: 1, 'no-credit': 0, failed: 0 } })
    const [messageId] = (await member.ok('memberMessages')).items.map((message) => message.id)
    expect(await wechatMessages(member, user)).toEqual([
      `【待办事项提醒】待办事项：${inspectionYear}年度年检申请；截止日期：${year}年12月31日；温馨提示：学时差12学时，会费未缴（打开 subpackages/inspection/message/index?id=${messageId}）`,
    ])

    const rerun = await runRemindersJob({ associations: ['HB'] })
    expect(rerun.associations[0]).toMatchObject({ read: 2, reminded: 0, alreadyReminded: 2 })
    expect(await reminders(member)).toHaveLength(1)
    expect(await reminders(unbound)).toHaveLength(1)
    expect(await wechatMessages(member, user)).toHaveLength(1)
  })

  test('two runs at once tell each member once between them', async ({ aMember }) => {
    on(30)
    const user = wechatUser()
    const members = [await aMember({ association: 'HN', hours: 0, fee: '去支付', wechatUser: user }), await aMember({ association: 'HN', hours: 40 })]
    // A second acceptance: had both runs sent, WeChat would deliver both.
    await members[0]!.ok('subscribe', { body: { results: { 'local-reminder-template': 'accept' } } })

    const runs = await Promise.all([runRemindersJob({ associations: ['HN'] }), runRemindersJob({ associations: ['HN'] })])

    expect(runs.map((run) => run.associations[0]!.reminded).reduce((a, b) => a + b)).toBe(2)
    expect(runs.map((run) => run.associations[0]!.alreadyReminded).reduce((a, b) => a + b)).toBe(2)
    for (const member of members) expect(await reminders(member)).toHaveLength(1)
    expect(await wechatMessages(members[0]!, user)).toHaveLength(1)
  })

  test('a reason that arises later the same day is told once more, alone', async ({ aMember, aLocalStaff }) => {
    on(17)
    const member = await aMember({ association: 'GX', hours: 40, fee: '待确认' })
    await runRemindersJob({ associations: ['GX'] })
    const staff = await aLocalStaff('GX')
    const params = { id: `${member.member.memberNo}-${inspectionYear}` }
    const { version } = await staff.ok('feeReview', { params })
    await staff.ok('decideFee', { params, body: { decision: 'reject', opinion: '未查到该笔转账', version } })

    const later = await runRemindersJob({ associations: ['GX'] })

    expect(later.associations[0]).toMatchObject({ reminded: 1, byReason: { window: 0, hours: 0, fee: 1 } })
    const told = (await member.ok('memberMessages')).items.filter((message) => message.subject === 'reminder').map((message) => message.opinion)
    expect(told).toEqual([`${inspectionYear}年度会费尚未缴纳，请先完成缴费`, expect.stringContaining('还剩14天')])
    await runRemindersJob({ associations: ['GX'] })
    expect(await reminders(member)).toHaveLength(2)
  })
})

describe('the staff digest', () => {
  test('each morning counts what started waiting for the level the day before, once; staff read their own level’s', async ({
    aMember,
    aLocalStaff,
    member,
  }) => {
    const ready = { association: 'YN', hours: 40, fee: '免会费', info: true } as const
    const [before, first, second, today] = [await aMember(ready), await aMember(ready), await aMember(ready), await aMember(ready)]
    setClock(`${year}-12-04T23:59:00+08:00`)
    await applyNow(before)
    setClock(`${year}-12-05T00:00:00+08:00`)
    await applyNow(first)
    setClock(`${year}-12-05T23:59:00+08:00`)
    await applyNow(second)
    setClock(`${year}-12-06T07:00:00+08:00`)
    await applyNow(today)

    on(6)
    const run = await runRemindersJob({ associations: ['YN'] })
    expect(run.digests).toEqual([
      expect.objectContaining({ scopeCode: 'YN', covers: `${year}-12-05`, total: 2, counts: { inspection: 2 }, outcome: 'created' }),
    ])
    expect((await runRemindersJob({ associations: ['YN'] })).digests).toEqual([expect.objectContaining({ outcome: 'duplicate' })])

    const staff = await aLocalStaff('YN')
    expect(await staff.ok('staffDigests')).toEqual({
      scope: { code: 'YN', name: '云南省注册会计师协会' },
      items: [{ date: `${year}-12-06`, covers: `${year}-12-05`, total: 2, categories: [{ kind: 'inspection', label: '年检申请', count: 2 }] }],
    })
    expect((await (await aLocalStaff('GZ')).ok('staffDigests')).items).toEqual([])
    expect((await member.refused('staffDigests')).status).toBe(403)
  })
})
