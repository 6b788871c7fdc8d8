import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_MEMBERS, DEMO_STAFF } from '../../functions/local/demo-data'
import { inspectionYear } from '../support/calendar'
import { putInspection, tokenOf } from '../support/inspections'
import { startTestStack } from '../support/stack'

let stack: Awaited<ReturnType<typeof startTestStack>>
const zhang = DEMO_MEMBERS[0]!
const wang = DEMO_MEMBERS[2]!
const zjStaff = DEMO_STAFF[1]!
const year = inspectionYear()
const [passedYear, deferredYear, returnedYear, draftYear] = [year - 3, year - 2, year - 1, year]

const qr = async (member: typeof zhang, id?: string) =>
  stack.api.request('GET', `/api/v1/credentials/inspection-qr${id ? `?id=${encodeURIComponent(id)}` : ''}`, {
    token: await stack.api.token(member.account.userType, member.account.username, member.account.password),
  })
const verify = (url: string) => stack.api.request('GET', `/api/v1/verify?t=${encodeURIComponent(tokenOf(url))}`)

beforeAll(async () => {
  stack = await startTestStack()
  await putInspection(zhang, passedYear, 'passed')
  await putInspection(zhang, deferredYear, 'passed', 'deferral')
  await putInspection(zhang, returnedYear, 'returned')
  await putInspection(zhang, draftYear, 'draft')
  await putInspection(wang, passedYear, 'passed')
})
afterAll(() => stack?.stop())

describe('历年年检结果查询 → 【二维码】: a QR code for every year', () => {
  it("gives each year's code, and each verifies to that year's result", async () => {
    const expected = [
      [passedYear, '年检通过', true],
      [deferredYear, '同意暂缓年检', false],
      [returnedYear, '地方注协退回', false],
    ] as const
    for (const [chosen, result, inGoodStanding] of expected) {
      const { status, body } = await qr(zhang, `${zhang.memberNo}-${chosen}`)
      expect(status).toBe(200)
      expect(body).toMatchObject({ year: chosen, result, inGoodStanding, nameMasked: '张**', association: '浙江省注册会计师协会' })
      const verified = await verify(body.url)
      expect(verified.body.genuine).toBe(true)
      expect(verified.body.credential).toMatchObject({ kind: 'inspection', year: chosen, result, inGoodStanding })
    }
  })

  it('carries member number and year only, never ID numbers or names', async () => {
    const { body } = await qr(zhang, `${zhang.memberNo}-${passedYear}`)
    const payload = JSON.parse(Buffer.from(tokenOf(body.url).split('.')[1]!, 'base64url').toString())
    expect(Object.keys(payload).sort()).toEqual(['exp', 'iat', 'm', 'typ', 'v', 'y'])
    expect(payload).toMatchObject({ typ: 'inspection', m: zhang.memberNo, y: passedYear })
    for (const secret of [zhang.idNumber, zhang.name, zhang.phone!]) expect(body.url).not.toContain(secret)
  })

  it('without a year still gives the latest submitted one (我的 → 年检二维码)', async () => {
    const { body } = await qr(zhang)
    expect(body).toMatchObject({ year: returnedYear, result: '地方注协退回' })
  })

  it("refuses years without a submitted application and other members' inspections alike (404)", async () => {
    for (const id of [`${zhang.memberNo}-${year - 4}`, `${zhang.memberNo}-${draftYear}`, `${wang.memberNo}-${passedYear}`]) {
      const refused = await qr(zhang, id)
      expect(refused.status).toBe(404)
      expect(refused.body.message).toBe('没有该年度的年检记录')
    }
    expect((await qr(wang, `${wang.memberNo}-${passedYear}`)).status).toBe(200)
  })

  it('names the field when the year is malformed, and is for members only', async () => {
    const malformed = await qr(zhang, 'last-year')
    expect(malformed.status).toBe(400)
    expect(malformed.body.fieldErrors.id).toBe('年检申请编号格式不正确')
    const staff = await stack.api.token(zjStaff.userType, zjStaff.username, zjStaff.password)
    expect((await stack.api.request('GET', `/api/v1/credentials/inspection-qr?id=${zhang.memberNo}-${passedYear}`, { token: staff })).status).toBe(403)
  })
})
