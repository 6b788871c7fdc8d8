import { describe, expect } from 'vitest'
import { inspectionYear } from '../support/calendar'
import type { SignedMember } from '../support/builders'
import { test } from '../support/fixtures'
import { putInspection, tokenOf } from '../support/inspections'

const year = inspectionYear()
const [passedYear, deferredYear, returnedYear, draftYear] = [year - 3, year - 2, year - 1, year]

const qr = (member: SignedMember, id?: string) => member.call('inspectionQr', id ? { query: { id } } : {})

/** A member of 浙江 with four years behind them: passed, deferred, returned, and this year's draft. */
const historyTest = test.extend<{ zhang: SignedMember }>({
  zhang: async ({ aMember }, use) => {
    const zhang = await aMember({ record: { name: '张晓明' } })
    await putInspection(zhang.member, passedYear, 'passed')
    await putInspection(zhang.member, deferredYear, 'passed', 'deferral')
    await putInspection(zhang.member, returnedYear, 'returned')
    await putInspection(zhang.member, draftYear, 'draft')
    await use(zhang)
  },
})

describe('历年年检结果查询 → 【二维码】: a QR code for every year', () => {
  historyTest("gives each year's code, and each verifies to that year's result", async ({ zhang, stack }) => {
    const expected = [
      [passedYear, '年检通过', true],
      [deferredYear, '同意暂缓年检', false],
      [returnedYear, '地方注协退回', false],
    ] as const
    for (const [chosen, result, inGoodStanding] of expected) {
      const code = await zhang.ok('inspectionQr', { query: { id: `${zhang.member.memberNo}-${chosen}` } })
      expect(code).toMatchObject({ year: chosen, result, inGoodStanding, nameMasked: '张**', association: '浙江省注册会计师协会' })
      const verified = await stack.api.ok('verify', { query: { t: tokenOf(code.url) } })
      expect(verified.genuine).toBe(true)
      expect(verified.credential).toMatchObject({ kind: 'inspection', year: chosen, result, inGoodStanding })
    }
  })

  historyTest('carries member number and year only, never ID numbers or names', async ({ zhang }) => {
    const { url } = await zhang.ok('inspectionQr', { query: { id: `${zhang.member.memberNo}-${passedYear}` } })
    const payload = JSON.parse(Buffer.from(tokenOf(url).split('.')[1]!, 'base64url').toString())
    expect(Object.keys(payload).sort()).toEqual(['exp', 'iat', 'm', 'typ', 'v', 'y'])
    expect(payload).toMatchObject({ typ: 'inspection', m: zhang.member.memberNo, y: passedYear })
    for (const secret of [zhang.member.idNumber, zhang.member.name, zhang.member.phone!]) expect(url).not.toContain(secret)
  })

  historyTest('without a year still gives the latest submitted one (我的 → 年检二维码)', async ({ zhang }) => {
    expect(await zhang.ok('inspectionQr')).toMatchObject({ year: returnedYear, result: '地方注协退回' })
  })

  historyTest("refuses years without a submitted application and other members' inspections alike (404)", async ({ zhang, aMember }) => {
    const other = await aMember({ association: 'BJ' })
    await putInspection(other.member, passedYear, 'passed')
    for (const id of [`${zhang.member.memberNo}-${year - 4}`, `${zhang.member.memberNo}-${draftYear}`, `${other.member.memberNo}-${passedYear}`]) {
      const refused = await qr(zhang, id)
      expect(refused.status).toBe(404)
      expect(refused.body).toMatchObject({ message: '没有该年度的年检记录' })
    }
    expect((await qr(other, `${other.member.memberNo}-${passedYear}`)).status).toBe(200)
  })

  test('names the field when the year is malformed, and is for members only', async ({ member, localStaff }) => {
    const malformed = await member.refused('inspectionQr', { query: { id: 'last-year' } })
    expect(malformed.status).toBe(400)
    expect(malformed.body.fieldErrors?.id).toBe('年检申请编号格式不正确')
    expect((await localStaff.refused('inspectionQr', { query: { id: `${member.member.memberNo}-${passedYear}` } })).status).toBe(403)
  })
})
