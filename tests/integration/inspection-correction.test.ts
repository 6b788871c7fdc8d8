import { describe, expect } from 'vitest'
import type { RouteBody } from '../../shared/api/contract'
import type { SignedIn, SignedMember } from '../support/builders'
import { inspectionYear } from '../support/calendar'
import { test } from '../support/fixtures'
import { putInspection, tokenOf } from '../support/inspections'

const year = inspectionYear() - 1

const correct = (id: string, who: SignedIn, body: Partial<RouteBody<'correctInspection'>>) =>
  who.call('correctInspection', { params: { id }, body: body as RouteBody<'correctInspection'> })
const detailFor = (staff: SignedIn) => (id: string) => staff.ok('inspectionDetail', { params: { id } })
const idsIn = async (staff: SignedIn, kind: 'inspection' | 'deferral') => (await staff.ok('inboxItems', { params: { kind } })).items.map((item) => item.id)
const decided = (member: SignedMember, decidedYear: number, status: 'passed' | 'returned', kind?: 'deferral') =>
  putInspection(member.member, decidedYear, status, kind)

describe('更正 of a decided inspection (其他特殊状态由省注协处理)', () => {
  test('revokes a pass: the QR code printed before verifies as revoked at once, the trail and the member say why', async ({ stack, member, localStaff }) => {
    const id = await decided(member, year, 'passed')
    const code = (await member.ok('inspectionQr', { query: { id } })).url
    const verify = () => stack.api.ok('verify', { query: { t: tokenOf(code) } })
    expect((await verify()).credential).toMatchObject({ result: '年检通过', inGoodStanding: true })

    const reason = '经核查，学时证明材料与实际不符'
    const revoked = await localStaff.ok('correctInspection', {
      params: { id },
      body: { correction: 'revoke', reason, version: (await detailFor(localStaff)(id)).version },
    })
    expect(revoked).toMatchObject({ status: 'revoked', statusLabel: '年检通过已撤销', returnReason: reason })
    expect(revoked.trail.at(-1)).toMatchObject({ node: '地方注协更正：撤销年检通过', unit: '浙江省注册会计师协会', opinion: reason })

    const verified = await verify()
    expect(verified.headline).toBe('二维码有效，但年检通过已撤销')
    expect(verified.credential).toMatchObject({ year, result: '年检通过已撤销', inGoodStanding: false })

    expect((await member.ok('memberMessages')).items[0]).toMatchObject({
      title: `您的${year}年度年检通过已被撤销`,
      opinion: reason,
      subject: 'inspection',
      subjectId: id,
      read: false,
    })
    expect((await member.ok('inspectionHistory')).items.find((item) => item.id === id)).toMatchObject({ status: 'revoked', returnReason: reason })
    expect((await member.ok('inspectionHistory', { query: { status: 'revoked' } })).items).toHaveLength(1)
  })

  test('reopens a returned item into its association inbox, where it is decided again', async ({ member, localStaff, aLocalStaff }) => {
    const id = await decided(member, year, 'returned')
    const reopened = await localStaff.ok('correctInspection', {
      params: { id },
      body: { correction: 'reopen', reason: '材料已线下补齐，重新审核', version: (await detailFor(localStaff)(id)).version },
    })
    expect(reopened).toMatchObject({ status: 'pending', returnReason: null, decidedAt: null })
    expect(reopened.trail.at(-1)).toMatchObject({ node: '地方注协更正：年检申请重新审核', opinion: '材料已线下补齐，重新审核' })
    expect((await member.ok('memberMessages')).items[0]).toMatchObject({ title: `您的${year}年度年检申请已重新进入审核`, subjectId: id })

    expect(await idsIn(localStaff, 'inspection')).toContain(id)
    expect(await idsIn(await aLocalStaff('BJ'), 'inspection')).not.toContain(id)
    const passed = await localStaff.ok('decideInspection', { params: { id }, body: { decision: 'pass', opinion: '', version: reopened.version } })
    expect(passed.status).toBe('passed')
    expect(await idsIn(localStaff, 'inspection')).not.toContain(id)
  })

  test('reopens an approved deferral (同意暂缓年检); CICPA may correct too and signs as CICPA', async ({ member, localStaff, cicpaStaff }) => {
    const id = await decided(member, year, 'passed', 'deferral')
    const reopened = await cicpaStaff.ok('correctInspection', {
      params: { id },
      body: { correction: 'reopen', reason: '暂缓证明已过期，请地方注协重新审核', version: (await detailFor(localStaff)(id)).version },
    })
    expect(reopened).toMatchObject({ status: 'pending', statusLabel: '暂缓申请审核中' })
    expect(reopened.trail.at(-1)).toMatchObject({ node: '中注协更正：暂缓年检申请重新审核', unit: '中国注册会计师协会' })
    expect(await idsIn(localStaff, 'deferral')).toContain(id)
  })

  test('refuses staff of another association (403) and members (403), pending items and corrections the status does not allow (409)', async ({
    member,
    localStaff,
    aLocalStaff,
  }) => {
    const id = await decided(member, year, 'passed')
    const { version } = await detailFor(localStaff)(id)
    const body = { correction: 'revoke', reason: '误操作', version } as const
    expect((await correct(id, await aLocalStaff('BJ'), body)).status).toBe(403)
    expect((await correct(id, member, body)).status).toBe(403)
    expect((await correct(`${member.member.memberNo}-${year - 5}`, localStaff, body)).status).toBe(404)

    const reopened = await localStaff.ok('correctInspection', { params: { id }, body: { ...body, correction: 'reopen' } })
    const onPending = await localStaff.refused('correctInspection', { params: { id }, body: { ...body, version: reopened.version } })
    expect(onPending.status).toBe(409)
    expect(onPending.body.message).toContain('地方注协审核中')

    const returnedId = await decided(member, year - 1, 'returned')
    const revokeReturned = await localStaff.refused('correctInspection', {
      params: { id: returnedId },
      body: { correction: 'revoke', reason: '误操作', version: (await detailFor(localStaff)(returnedId)).version },
    })
    expect(revokeReturned.status).toBe(409)
    expect(revokeReturned.body.message).toBe('该申请当前为“地方注协退回”，不能撤销通过，请刷新后查看')
  })

  test('needs a reason and a known correction, named in Chinese (400)', async ({ member, localStaff }) => {
    const id = await decided(member, year - 1, 'passed')
    const { version } = await detailFor(localStaff)(id)
    const noReason = await correct(id, localStaff, { correction: 'revoke', version })
    expect(noReason.status).toBe(400)
    expect(noReason.body).toMatchObject({ fieldErrors: { reason: '请填写更正原因' } })
    expect((await correct(id, localStaff, { correction: 'revoke', reason: '   ', version })).body).toMatchObject({ fieldErrors: { reason: '请填写更正原因' } })
    expect((await correct(id, localStaff, { correction: 'cancel' as 'revoke', reason: '误操作', version })).body).toMatchObject({
      fieldErrors: { correction: '请选择有效的更正方式' },
    })
    expect((await correct(id, localStaff, { correction: 'revoke', reason: '误操作' })).body).toMatchObject({ fieldErrors: { version: '请填写版本' } })
    expect((await detailFor(localStaff)(id)).status).toBe('passed')
  })

  test('lets one of two racing corrections win; the other, and a correction of an older version, get 409', async ({ member, localStaff, cicpaStaff }) => {
    const id = await decided(member, year - 1, 'passed')
    const seen = await detailFor(localStaff)(id)
    const answers = await Promise.all([
      correct(id, localStaff, { correction: 'revoke', reason: '材料不实', version: seen.version }),
      correct(id, cicpaStaff, { correction: 'reopen', reason: '重新审核', version: seen.version }),
    ])
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409])
    const winner = answers.find((answer) => answer.status === 200)!.body as { status: string }
    const after = await detailFor(localStaff)(id)
    expect(after).toMatchObject({ status: winner.status, version: seen.version + 1 })
    expect(after.trail.filter((entry) => entry.node.includes('更正'))).toHaveLength(1)
    expect((await member.ok('memberMessages')).items.filter((message) => message.subjectId === id)).toHaveLength(1)

    expect((await correct(id, localStaff, { correction: 'reopen', reason: '再次更正', version: seen.version })).status).toBe(409)
  })
})
