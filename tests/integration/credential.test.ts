import { UpdateCommand } from '../../functions/adapters/dynamo-client'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { describe, expect } from 'vitest'
import { dynamo, keys } from '../../functions/adapters/dynamo'
import { config } from '../../functions/config'
import { clock } from '../../functions/adapters/clock'
import { signCredential } from '../../functions/auth/qr-signing'
import { QR_TOKEN_MAX_LENGTH } from '../../shared/qr-token'
import type { SignedMember } from '../support/builders'
import { inspectionYear } from '../support/calendar'
import { test as base } from '../support/fixtures'
import { putInspection, tokenOf } from '../support/inspections'

// A year already decided: the one before the 年检年度 members apply for now.
const lastYear = inspectionYear() - 1

function decodeQr(dataUrl: string): string {
  const png = PNG.sync.read(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'))
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
  if (!decoded) throw new Error('QR not decodable')
  return decoded.data
}

const test = base.extend<{ zhang: SignedMember; wang: SignedMember }>({
  /** A member of 浙江 whose 年检 of last year passed. */
  zhang: async ({ aMember }, use) => {
    const zhang = await aMember({ record: { name: '张晓明' } })
    await putInspection(zhang.member, lastYear, 'passed')
    await use(zhang)
  },
  /** A member of 北京 without any 年检 yet. */
  wang: async ({ aMember }, use) => use(await aMember({ association: 'BJ', record: { name: '王芳' } })),
})

const setMemberStatus = (memberNo: string, status: string) =>
  dynamo().send(
    new UpdateCommand({
      TableName: config.tableName,
      Key: keys.member(memberNo),
      UpdateExpression: 'SET #s = :s',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': status },
    }),
  )

describe('inspection QR', () => {
  test('renders a QR that decodes to the verification URL, which shows 年检通过 with the name masked', async ({ stack, zhang }) => {
    const qr = await zhang.ok('inspectionQr')
    expect(qr).toMatchObject({ nameMasked: '张**', association: '浙江省注册会计师协会', year: lastYear, result: '年检通过' })
    const url = decodeQr(qr.image)
    expect(url).toBe(qr.url)
    expect(url).not.toContain(zhang.member.idNumber)

    const verified = await stack.api.ok('verify', { query: { t: tokenOf(url) } })
    expect(verified).toMatchObject({
      genuine: true,
      headline: '二维码有效',
      credential: { kind: 'inspection', nameMasked: '张**', association: '浙江省注册会计师协会', year: lastYear, result: '年检通过', inGoodStanding: true },
      staff: null,
    })
    const text = JSON.stringify(verified)
    const { idNumber, phone, email, name } = zhang.member
    for (const secret of [idNumber, phone!, email!, name]) expect(text).not.toContain(secret)
  })

  test('shows the current state, not the one printed: a later return or revocation replaces 年检通过', async ({ stack, zhang }) => {
    const qrToken = tokenOf((await zhang.ok('inspectionQr')).url)
    const verify = () => stack.api.ok('verify', { query: { t: qrToken } })
    await putInspection(zhang.member, lastYear, 'returned')
    const returned = await verify()
    expect(returned.genuine).toBe(true)
    expect(returned.credential).toMatchObject({ result: '地方注协退回', inGoodStanding: false })
    expect(returned.headline).toBe('二维码有效，但地方注协退回')

    await setMemberStatus(zhang.member.memberNo, 'revoked')
    expect((await verify()).credential).toMatchObject({ result: '会员资格已撤销', inGoodStanding: false })
  })

  test('says 无效 for tampered, truncated and foreign codes', async ({ stack, zhang, member: someoneElse }) => {
    const [kid, payload, signature] = tokenOf((await zhang.ok('inspectionQr')).url).split('.') as [string, string, string]
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), m: someoneElse.member.memberNo })).toString(
      'base64url',
    )
    for (const bad of [`${kid}.${forged}.${signature}`, `${kid}.${payload}`, `other.${payload}.${signature}`, 'garbage']) {
      const answer = await stack.api.ok('verify', { query: { t: bad } })
      expect(answer.genuine).toBe(false)
      expect(answer.headline).toMatch(/^二维码无效/)
      expect(answer.credential).toBeNull()
    }
    // No code at all, as a hand-made request would ask.
    const missing = await stack.api.request('GET', '/api/v1/verify')
    expect(missing.status).toBe(400)
    expect(missing.body.fieldErrors.t).toBe('请填写二维码内容')
  })

  test('says 无效, never 500, for a code signed with our key but carrying an unexpected payload', async ({ stack, zhang }) => {
    const { memberNo } = zhang.member
    const now = Math.floor(clock.now().getTime() / 1000)
    const payload = { typ: 'inspection', m: memberNo, y: lastYear, iat: now, exp: now + 86_400 }
    const odd = [
      { ...payload, typ: 'admin' },
      { ...payload, y: String(lastYear) },
      { ...payload, y: 99999 },
      { ...payload, m: { no: memberNo } },
      { ...payload, extra: { nested: [1] } },
      { typ: 'inspection', iat: now, exp: now + 86_400 },
    ]
    for (const body of odd) {
      const answer = await stack.api.call('verify', { query: { t: signCredential(body as never) } })
      expect(answer.status, JSON.stringify(body)).toBe(200)
      expect(answer.body).toMatchObject({ genuine: false, headline: '二维码无效：内容不完整或已被改动', credential: null, staff: null })
    }
  })

  test('refuses a padded code before checking it, with the same 无效 words', async ({ stack, zhang }) => {
    const real = tokenOf((await zhang.ok('inspectionQr')).url)
    expect(real.length).toBeLessThanOrEqual(QR_TOKEN_MAX_LENGTH)
    const padded = await stack.api.refused('verify', { query: { t: `${real}${'A'.repeat(QR_TOKEN_MAX_LENGTH)}` } })
    expect(padded.status).toBe(400)
    expect(padded.body.message).toBe('二维码无效：内容不完整或已被改动')
  })

  test("links staff of the member's association (and only them) to the member", async ({ stack, zhang, localStaff, aLocalStaff }) => {
    const bjStaff = await aLocalStaff('BJ')
    const query = { t: tokenOf((await zhang.ok('inspectionQr')).url) }
    const { memberNo } = zhang.member
    expect((await stack.api.ok('verify', { query, as: localStaff })).staff).toEqual({ memberNo, inspectionId: `${memberNo}-${lastYear}` })
    expect((await stack.api.ok('verify', { query, as: bjStaff })).staff).toBeNull()
  })

  test('tells a member without any inspection why there is no code', async ({ wang }) => {
    const { status, body } = await wang.refused('inspectionQr')
    expect(status).toBe(404)
    expect(body.message).toContain('暂无年检记录')
  })
})

describe('electronic membership certificate', () => {
  test('carries the seal and a QR that verifies membership', async ({ stack, wang }) => {
    const card = await wang.ok('memberCard')
    expect(card).toMatchObject({
      name: '王芳',
      memberNo: wang.member.memberNo,
      association: '北京注册会计师协会',
      joinDate: wang.member.joinDate,
      status: '正常',
    })
    expect(Buffer.from(card.seal.split(',')[1]!, 'base64').toString()).toContain('北京注册会计师协会')
    const verified = await stack.api.ok('verify', { query: { t: tokenOf(decodeQr(card.qr.image)) } })
    expect(verified.credential).toMatchObject({ kind: 'membership', nameMasked: '王*', result: '会员资格正常', inGoodStanding: true, year: null })
  })

  test('is only for members', async ({ localStaff }) => {
    expect((await localStaff.call('memberCard')).status).toBe(403)
  })
})

describe('verification service', () => {
  test('publishes the public key so codes can be checked offline', async ({ stack }) => {
    const { keys: published } = await stack.api.ok('verifyKeys')
    expect(published).toHaveLength(1)
    expect(published[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' })
  })

  test('limits verifications per client', async ({ stack }) => {
    let firstRefusal = 0
    for (let i = 1; i <= 125 && !firstRefusal; i++) {
      if ((await stack.api.call('verify', { query: { t: 'garbage' } })).status === 429) firstRefusal = i
    }
    expect(firstRefusal).toBeGreaterThan(0)
    const limited = await stack.api.refused('verify', { query: { t: 'garbage' } })
    expect(limited.status).toBe(429)
    expect(limited.body.message).toMatch(/频繁/)
  })
})

describe('good-standing certificate (English)', () => {
  test('goes from application through CICPA approval to a PDF only its member can download', async ({
    wang,
    member: other,
    cicpaStaff: cicpa,
    localStaff: zj,
  }) => {
    const chinese = await wang.refused('applyGoodStanding', { body: { englishName: '王芳', purpose: 'ACCA membership', addressee: 'ACCA' } })
    expect(chinese.status).toBe(400)
    expect(chinese.body.fieldErrors?.englishName).toBe('英文姓名（与护照一致）请使用英文填写')

    const applied = await wang.ok('applyGoodStanding', {
      body: { englishName: 'WANG Fang', purpose: 'Application for ACCA membership', addressee: 'ACCA, London' },
    })
    expect(applied).toMatchObject({ status: 'pending', memberNo: wang.member.memberNo, association: '北京注册会计师协会' })
    const { id } = applied
    const params = { id }

    const twice = await wang.call('applyGoodStanding', { body: { englishName: 'WANG Fang', purpose: 'Again', addressee: 'ACCA' } })
    expect(twice.status).toBe(409)
    expect((await wang.call('downloadGoodStanding', { params })).status).toBe(409)

    expect((await cicpa.ok('inboxItems', { params: { kind: 'good_standing' } })).items.map((item) => item.id)).toContain(id)
    expect((await zj.call('decideGoodStanding', { params, body: { decision: 'approve' } })).status).toBe(403)
    const noReason = await cicpa.refused('decideGoodStanding', { params, body: { decision: 'return' } })
    expect(noReason.status).toBe(400)
    expect(noReason.body.fieldErrors?.reason).toBe('退回时请填写退回原因')

    expect(await cicpa.ok('goodStandingReview', { params })).toMatchObject({ id, status: 'pending', englishName: 'WANG Fang' })
    expect((await zj.call('goodStandingReview', { params })).status).toBe(403)

    // Two CICPA staff approve at the same moment: one decision stands, the other is told.
    const decisions = await Promise.all([
      cicpa.call('decideGoodStanding', { params, body: { decision: 'approve' } }),
      cicpa.call('decideGoodStanding', { params, body: { decision: 'approve' } }),
    ])
    expect(decisions.map((d) => d.status).sort()).toEqual([200, 409])
    expect((await cicpa.ok('inboxItems', { params: { kind: 'good_standing' } })).items.map((item) => item.id)).not.toContain(id)
    expect((await cicpa.call('decideGoodStanding', { params, body: { decision: 'return', reason: 'Name does not match' } })).status).toBe(409)
    // 已办 opens the decided application with its trail, submission first.
    expect((await cicpa.ok('goodStandingReview', { params })).trail).toMatchObject([
      { node: '会员提交良好存续证明申请', unit: '北京注册会计师协会', opinion: 'Application for ACCA membership' },
      { node: '中注协审批通过', unit: '中国注册会计师协会', opinion: '同意' },
    ])

    const download = await wang.ok('downloadGoodStanding', { params })
    const pdf = Buffer.from(await (await fetch(download.url)).arrayBuffer())
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const { PDFDocument } = await import('pdf-lib')
    expect((await PDFDocument.load(pdf)).getTitle()).toBe('Certificate of Good Standing')

    expect((await other.call('downloadGoodStanding', { params })).status).toBe(404)
    expect((await wang.ok('myGoodStanding')).applications[0]).toMatchObject({ id, status: 'approved' })
  })
})
