import { describe, expect } from 'vitest'
import type { RouteBody } from '../../shared/api/contract'
import { inspectionYear } from '../support/calendar'
import type { SignedMember } from '../support/builders'
import { PDF, uploadTo } from '../support/files'
import { test } from '../support/fixtures'

const reason = '派驻海外工作，无法按时完成继续教育。'
const idOf = (member: SignedMember) => `${member.member.memberNo}-${inspectionYear()}`
const defer = (member: SignedMember, body: Partial<RouteBody<'submitDeferral'>>) =>
  member.call('submitDeferral', { body: { year: inspectionYear(), commitmentAccepted: true, reason, ...body } })

async function uploadProof(member: SignedMember, name: string) {
  const presigned = await member.ok('presignMaterial', { body: { purpose: 'deferral', fileName: name, size: 2048 } })
  await uploadTo(presigned, PDF())
  return member.ok('attachMaterial', { body: { purpose: 'deferral', fileName: name, key: presigned.key } })
}

/** A member of 浙江, hours short and fee unpaid, whose deferral with one proof waits for 浙江注协. */
const deferredTest = test.extend<{ deferred: SignedMember }>({
  deferred: async ({ aMember }, use) => {
    const member = await aMember({ hours: 20, fee: '去支付' })
    await uploadProof(member, '工作证明.pdf')
    await member.ok('submitDeferral', { body: { year: inspectionYear(), commitmentAccepted: true, reason } })
    await use(member)
  },
})

describe('暂缓年检申请', () => {
  test('needs the commitment, a reason and at least one proof', async ({ member, localStaff }) => {
    const unticked = await defer(member, { commitmentAccepted: false })
    expect(unticked.body).toMatchObject({ fieldErrors: { commitmentAccepted: '请阅读并勾选承诺书' } })
    const noReason = await defer(member, { reason: '   ' })
    expect(noReason.status).toBe(400)
    expect(noReason.body).toMatchObject({ fieldErrors: { reason: '请填写暂缓原因' } })
    expect((await defer(member, { reason: '长'.repeat(501) })).body).toMatchObject({ fieldErrors: { reason: '暂缓原因不能超过500个字符' } })
    const noProof = await defer(member, {})
    expect(noProof.status).toBe(400)
    expect(noProof.body).toMatchObject({ message: '请上传暂缓证明材料' })
    expect((await localStaff.ok('inboxItems', { params: { kind: 'deferral' } })).items).not.toContainEqual(expect.objectContaining({ id: idOf(member) }))
  })

  test('submits although hours are short and the fee unpaid, and waits in the deferral inbox', async ({ aMember, aLocalStaff }) => {
    const li = await aMember({ hours: 20, fee: '去支付', record: { name: '李华' } })
    const [zjStaff, bjStaff] = [await aLocalStaff('ZJ'), await aLocalStaff('BJ')]
    const id = idOf(li)
    await uploadProof(li, '工作证明.pdf')
    const submitted = await defer(li, {})
    expect(submitted.status).toBe(200)
    expect(submitted.body).toMatchObject({
      successText: '申请成功，请明年按时参加年检。',
      notice: '如有疑问，请联系所属地方注协。',
      application: { id, kind: 'deferral', kindLabel: '暂缓年检申请', status: 'pending', statusLabel: '暂缓申请审核中' },
    })
    expect((await defer(li, {})).status).toBe(409)
    expect((await li.call('submitInspection', { body: { year: inspectionYear(), commitmentAccepted: true } })).status).toBe(409)
    expect((await zjStaff.ok('inboxItems', { params: { kind: 'deferral' } })).items).toContainEqual(
      expect.objectContaining({ id, title: '李华', subtitle: `${inspectionYear()}年度暂缓年检申请 · ${li.member.memberNo}` }),
    )
    expect((await zjStaff.ok('inboxItems', { params: { kind: 'inspection' } })).items).not.toContainEqual(expect.objectContaining({ id }))
    expect(await zjStaff.ok('inspectionDetail', { params: { id } })).toMatchObject({
      deferralReason: reason,
      files: [expect.objectContaining({ name: '工作证明.pdf' })],
    })
    expect((await bjStaff.refused('inspectionDetail', { params: { id } })).status).toBe(403)
  })

  deferredTest('is returned with the seed trail node, then resubmitted and approved', async ({ deferred, localStaff }) => {
    const params = { id: idOf(deferred) }
    const { version } = await localStaff.ok('inspectionDetail', { params })
    const returned = await localStaff.ok('decideInspection', { params, body: { decision: 'return', opinion: '请重新上传材料。', version } })
    expect(returned.trail.at(-1)).toMatchObject({ node: '地方注协非执业会员审核暂缓退回', unit: '浙江省注册会计师协会', opinion: '请重新上传材料。' })
    expect((await deferred.ok('memberMessages')).items[0]).toMatchObject({
      title: `您的${inspectionYear()}年度暂缓年检申请被退回`,
      node: '地方注协非执业会员审核暂缓退回',
    })
    expect(await deferred.ok('inspectionOverview')).toMatchObject({ homeBadge: '已退回', deferralBlockers: [] })

    expect((await uploadProof(deferred, '补充证明.pdf')).deferral).toHaveLength(2)
    expect((await defer(deferred, { reason: `${reason}（已补充材料）` })).status).toBe(200)
    const { version: next } = await localStaff.ok('inspectionDetail', { params })
    const approved = await localStaff.ok('decideInspection', { params, body: { decision: 'pass', opinion: '', version: next } })
    expect(approved).toMatchObject({ status: 'passed', statusLabel: '同意暂缓年检', deferralReason: `${reason}（已补充材料）` })
    expect(approved.trail.at(-1)!.node).toBe('地方注协非执业会员审核暂缓通过')
    expect((await deferred.ok('inspectionHistory')).items).toEqual([expect.objectContaining({ id: params.id, kind: 'deferral', statusLabel: '同意暂缓年检' })])
    // A granted deferral is no passed inspection: 最后年检年度 stays empty.
    expect((await deferred.ok('inspectionOverview')).lastInspectionYear).toBeNull()
  })
})
