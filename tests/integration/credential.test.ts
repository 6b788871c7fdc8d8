import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dynamo, keys } from '../../functions/adapters/dynamo'
import { config } from '../../functions/config'
import { DEMO_MEMBERS, DEMO_STAFF, demoJoinDate } from '../../functions/local/demo-data'
import { clock } from '../../functions/adapters/clock'
import { signCredential } from '../../functions/auth/qr-signing'
import { QR_TOKEN_MAX_LENGTH } from '../../shared/api/credential-schemas'
import { inspectionYear } from '../support/calendar'
import { putInspection, tokenOf } from '../support/inspections'
import { startTestStack } from '../support/stack'

let stack: Awaited<ReturnType<typeof startTestStack>>
const zhang = DEMO_MEMBERS[0]!
const wang = DEMO_MEMBERS[2]!
// A year already decided: the one before the 年检年度 members apply for now.
const lastYear = inspectionYear() - 1
const [, zjStaff, bjStaff] = DEMO_STAFF

function decodeQr(dataUrl: string): string {
  const png = PNG.sync.read(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'))
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
  if (!decoded) throw new Error('QR not decodable')
  return decoded.data
}

beforeAll(async () => {
  stack = await startTestStack()
  await putInspection(zhang, lastYear, 'passed')
})
afterAll(() => stack?.stop())

describe('inspection QR', () => {
  it('renders a QR that decodes to the verification URL, which shows 年检通过 with the name masked', async () => {
    const token = await stack.api.token(zhang.account.userType, zhang.account.username, zhang.account.password)
    const { status, body } = await stack.api.request('GET', '/api/v1/credentials/inspection-qr', { token })
    expect(status).toBe(200)
    expect(body).toMatchObject({ nameMasked: '张**', association: '浙江省注册会计师协会', year: lastYear, result: '年检通过' })
    const url = decodeQr(body.image)
    expect(url).toBe(body.url)
    expect(url).not.toContain(zhang.idNumber)

    const verified = await stack.api.request('GET', `/api/v1/verify?t=${encodeURIComponent(tokenOf(url))}`)
    expect(verified.status).toBe(200)
    expect(verified.body).toMatchObject({
      genuine: true,
      headline: '二维码有效',
      credential: { kind: 'inspection', nameMasked: '张**', association: '浙江省注册会计师协会', year: lastYear, result: '年检通过', inGoodStanding: true },
      staff: null,
    })
    const text = JSON.stringify(verified.body)
    for (const secret of [zhang.idNumber, zhang.phone!, zhang.email!, zhang.name]) expect(text).not.toContain(secret)
  })

  it('shows the current state, not the one printed: a later return or revocation replaces 年检通过', async () => {
    const token = await stack.api.token(zhang.account.userType, zhang.account.username, zhang.account.password)
    const { body } = await stack.api.request('GET', '/api/v1/credentials/inspection-qr', { token })
    const qrToken = tokenOf(body.url)
    await putInspection(zhang, lastYear, 'returned')
    const returned = await stack.api.request('GET', `/api/v1/verify?t=${qrToken}`)
    expect(returned.body.genuine).toBe(true)
    expect(returned.body.credential).toMatchObject({ result: '地方注协退回', inGoodStanding: false })
    expect(returned.body.headline).toBe('二维码有效，但地方注协退回')

    await dynamo().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: keys.member(zhang.memberNo),
        UpdateExpression: 'SET #s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': 'revoked' },
      }),
    )
    const revoked = await stack.api.request('GET', `/api/v1/verify?t=${qrToken}`)
    expect(revoked.body.credential).toMatchObject({ result: '会员资格已撤销', inGoodStanding: false })
    await dynamo().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: keys.member(zhang.memberNo),
        UpdateExpression: 'SET #s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': 'active' },
      }),
    )
    await putInspection(zhang, lastYear, 'passed')
  })

  it('says 无效 for tampered, truncated and foreign codes', async () => {
    const token = await stack.api.token(zhang.account.userType, zhang.account.username, zhang.account.password)
    const { body } = await stack.api.request('GET', '/api/v1/credentials/inspection-qr', { token })
    const [kid, payload, signature] = tokenOf(body.url).split('.') as [string, string, string]
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), m: wang.memberNo })).toString('base64url')
    for (const bad of [`${kid}.${forged}.${signature}`, `${kid}.${payload}`, `other.${payload}.${signature}`, 'garbage']) {
      const answer = await stack.api.request('GET', `/api/v1/verify?t=${encodeURIComponent(bad)}`)
      expect(answer.status).toBe(200)
      expect(answer.body.genuine).toBe(false)
      expect(answer.body.headline).toMatch(/^二维码无效/)
      expect(answer.body.credential).toBeNull()
    }
    const missing = await stack.api.request('GET', '/api/v1/verify')
    expect(missing.status).toBe(400)
    expect(missing.body.fieldErrors.t).toBe('请填写二维码内容')
  })

  it('says 无效, never 500, for a code signed with our key but carrying an unexpected payload', async () => {
    const now = Math.floor(clock.now().getTime() / 1000)
    const payload = { typ: 'inspection', m: zhang.memberNo, y: lastYear, iat: now, exp: now + 86_400 }
    const odd = [
      { ...payload, typ: 'admin' },
      { ...payload, y: String(lastYear) },
      { ...payload, y: 99999 },
      { ...payload, m: { no: zhang.memberNo } },
      { ...payload, extra: { nested: [1] } },
      { typ: 'inspection', iat: now, exp: now + 86_400 },
    ]
    for (const body of odd) {
      const answer = await stack.api.request('GET', `/api/v1/verify?t=${signCredential(body as never)}`)
      expect(answer.status, JSON.stringify(body)).toBe(200)
      expect(answer.body).toMatchObject({ genuine: false, headline: '二维码无效：内容不完整或已被改动', credential: null, staff: null })
    }
  })

  it('refuses a padded code before checking it, with the same 无效 words', async () => {
    const token = await stack.api.token(zhang.account.userType, zhang.account.username, zhang.account.password)
    const real = tokenOf((await stack.api.request('GET', '/api/v1/credentials/inspection-qr', { token })).body.url)
    expect(real.length).toBeLessThanOrEqual(QR_TOKEN_MAX_LENGTH)
    const padded = await stack.api.request('GET', `/api/v1/verify?t=${real}${'A'.repeat(QR_TOKEN_MAX_LENGTH)}`)
    expect(padded.status).toBe(400)
    expect(padded.body.message).toBe('二维码无效：内容不完整或已被改动')
  })

  it("links staff of the member's association (and only them) to the member", async () => {
    const member = await stack.api.token(zhang.account.userType, zhang.account.username, zhang.account.password)
    const qrToken = tokenOf((await stack.api.request('GET', '/api/v1/credentials/inspection-qr', { token: member })).body.url)
    const zj = await stack.api.token(zjStaff!.userType, zjStaff!.username, zjStaff!.password)
    const bj = await stack.api.token(bjStaff!.userType, bjStaff!.username, bjStaff!.password)
    expect((await stack.api.request('GET', `/api/v1/verify?t=${qrToken}`, { token: zj })).body.staff).toEqual({
      memberNo: zhang.memberNo,
      inspectionId: `${zhang.memberNo}-${lastYear}`,
    })
    expect((await stack.api.request('GET', `/api/v1/verify?t=${qrToken}`, { token: bj })).body.staff).toBeNull()
  })

  it('tells a member without any inspection why there is no code', async () => {
    const token = await stack.api.token(wang.account.userType, wang.account.username, wang.account.password)
    const { status, body } = await stack.api.request('GET', '/api/v1/credentials/inspection-qr', { token })
    expect(status).toBe(404)
    expect(body.message).toContain('暂无年检记录')
  })
})

describe('electronic membership certificate', () => {
  it('carries the seal and a QR that verifies membership', async () => {
    const token = await stack.api.token(wang.account.userType, wang.account.username, wang.account.password)
    const { status, body } = await stack.api.request('GET', '/api/v1/credentials/member-card', { token })
    expect(status).toBe(200)
    expect(body).toMatchObject({
      name: '王芳',
      memberNo: wang.memberNo,
      association: '北京注册会计师协会',
      joinDate: demoJoinDate(wang, clock.now()),
      status: '正常',
    })
    expect(Buffer.from(body.seal.split(',')[1], 'base64').toString()).toContain('北京注册会计师协会')
    const verified = await stack.api.request('GET', `/api/v1/verify?t=${tokenOf(decodeQr(body.qr.image))}`)
    expect(verified.body.credential).toMatchObject({ kind: 'membership', nameMasked: '王*', result: '会员资格正常', inGoodStanding: true, year: null })
  })

  it('is only for members', async () => {
    const token = await stack.api.token(zjStaff!.userType, zjStaff!.username, zjStaff!.password)
    expect((await stack.api.request('GET', '/api/v1/credentials/member-card', { token })).status).toBe(403)
  })
})

describe('verification service', () => {
  it('publishes the public key so codes can be checked offline', async () => {
    const { body } = await stack.api.request('GET', '/api/v1/verify/keys')
    expect(body.keys).toHaveLength(1)
    expect(body.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' })
  })

  it('limits verifications per client', async () => {
    let firstRefusal = 0
    for (let i = 1; i <= 125 && !firstRefusal; i++) {
      if ((await stack.api.request('GET', '/api/v1/verify?t=garbage')).status === 429) firstRefusal = i
    }
    expect(firstRefusal).toBeGreaterThan(0)
    const limited = await stack.api.request('GET', '/api/v1/verify?t=garbage')
    expect(limited.status).toBe(429)
    expect(limited.body.message).toMatch(/频繁/)
  })
})

describe('good-standing certificate (English)', () => {
  it('goes from application through CICPA approval to a PDF only its member can download', async () => {
    const member = await stack.api.token(wang.account.userType, wang.account.username, wang.account.password)
    const cicpa = await stack.api.token(DEMO_STAFF[0]!.userType, DEMO_STAFF[0]!.username, DEMO_STAFF[0]!.password)
    const zj = await stack.api.token(zjStaff!.userType, zjStaff!.username, zjStaff!.password)

    const chinese = await stack.api.request('POST', '/api/v1/credentials/good-standing', {
      token: member,
      body: { englishName: '王芳', purpose: 'ACCA membership', addressee: 'ACCA' },
    })
    expect(chinese.status).toBe(400)
    expect(chinese.body.fieldErrors.englishName).toBe('英文姓名（与护照一致）请使用英文填写')

    const applied = await stack.api.request('POST', '/api/v1/credentials/good-standing', {
      token: member,
      body: { englishName: 'WANG Fang', purpose: 'Application for ACCA membership', addressee: 'ACCA, London' },
    })
    expect(applied.status).toBe(200)
    expect(applied.body).toMatchObject({ status: 'pending', memberNo: wang.memberNo, association: '北京注册会计师协会' })
    const id = applied.body.id as string

    const twice = await stack.api.request('POST', '/api/v1/credentials/good-standing', {
      token: member,
      body: { englishName: 'WANG Fang', purpose: 'Again', addressee: 'ACCA' },
    })
    expect(twice.status).toBe(409)
    expect((await stack.api.request('GET', `/api/v1/credentials/good-standing/${id}/pdf`, { token: member })).status).toBe(409)

    const inbox = await stack.api.request('GET', '/api/v1/staff/inbox/good_standing', { token: cicpa })
    expect(inbox.body.items.map((item: { id: string }) => item.id)).toContain(id)
    expect((await stack.api.request('POST', `/api/v1/staff/good-standing/${id}/decision`, { token: zj, body: { decision: 'approve' } })).status).toBe(403)
    const noReason = await stack.api.request('POST', `/api/v1/staff/good-standing/${id}/decision`, { token: cicpa, body: { decision: 'return' } })
    expect(noReason.status).toBe(400)
    expect(noReason.body.fieldErrors.reason).toBe('退回时请填写退回原因')

    const review = await stack.api.request('GET', `/api/v1/staff/good-standing/${id}`, { token: cicpa })
    expect(review.body).toMatchObject({ id, status: 'pending', englishName: 'WANG Fang' })
    expect((await stack.api.request('GET', `/api/v1/staff/good-standing/${id}`, { token: zj })).status).toBe(403)

    // Two CICPA staff approve at the same moment: one decision stands, the other is told.
    const decisions = await Promise.all([
      stack.api.request('POST', `/api/v1/staff/good-standing/${id}/decision`, { token: cicpa, body: { decision: 'approve' } }),
      stack.api.request('POST', `/api/v1/staff/good-standing/${id}/decision`, { token: cicpa, body: { decision: 'approve' } }),
    ])
    expect(decisions.map((d) => d.status).sort()).toEqual([200, 409])
    const after = await stack.api.request('GET', '/api/v1/staff/inbox/good_standing', { token: cicpa })
    expect(after.body.items.map((item: { id: string }) => item.id)).not.toContain(id)
    expect(
      (
        await stack.api.request('POST', `/api/v1/staff/good-standing/${id}/decision`, {
          token: cicpa,
          body: { decision: 'return', reason: 'Name does not match' },
        })
      ).status,
    ).toBe(409)

    const download = await stack.api.request('GET', `/api/v1/credentials/good-standing/${id}/pdf`, { token: member })
    expect(download.status).toBe(200)
    const pdf = Buffer.from(await (await fetch(download.body.url)).arrayBuffer())
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const { PDFDocument } = await import('pdf-lib')
    expect((await PDFDocument.load(pdf)).getTitle()).toBe('Certificate of Good Standing')

    const other = await stack.api.token(zhang.account.userType, zhang.account.username, zhang.account.password)
    expect((await stack.api.request('GET', `/api/v1/credentials/good-standing/${id}/pdf`, { token: other })).status).toBe(404)
    const mine = await stack.api.request('GET', '/api/v1/credentials/good-standing', { token: member })
    expect(mine.body.applications[0]).toMatchObject({ id, status: 'approved' })
  })
})
