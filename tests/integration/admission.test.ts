import { randomUUID } from 'node:crypto'
import { chinaYear } from '../../shared/china-time'
import { clock } from '../../functions/adapters/clock'
import { HeadObjectCommand } from '@aws-sdk/client-s3'
import { GetCommand } from '../../functions/adapters/dynamo-client'
import dayjs from 'dayjs'
import { describe, expect } from 'vitest'
import { formatMemberNo, idCheckChar, memberNoPrefix } from '../../shared/admission'
import type { RouteBody } from '../../shared/api/contract'
import { dynamo, keys } from '../../functions/adapters/dynamo'
import { s3 } from '../../functions/adapters/s3'
import { config } from '../../functions/config'
import { placeholderPhotoPng } from '../../functions/local/demo-admissions'
import type { ApiClient } from '../support/api-client'
import { applicationFor, requestTicket, submitApplication, uploadPhoto } from '../support/admission-flow'
import type { SignedIn } from '../support/builders'
import { setClock, useTestDay } from '../support/calendar'
import { test as base } from '../support/fixtures'

const mainlandId = (first17: string) => first17 + idCheckChar(first17)

/** The applicant's side, as the mini-program walks it, on the file's own API. */
function applicant(api: ApiClient) {
  const ticket = () => requestTicket(api)
  const upload = (ticketValue: string, bytes: Uint8Array, contentType?: string) => uploadPhoto(api, ticketValue, bytes, contentType)
  const submit = (body: Record<string, unknown>, idempotencyKey?: string | null) => submitApplication(api, body, idempotencyKey)
  return {
    ticket,
    upload,
    submit,
    /** Verifies, uploads a real photo and submits; returns the business number. */
    async apply(serial: string, overrides: Record<string, unknown> = {}) {
      const t = await ticket()
      const photoKey = await upload(t, placeholderPhotoPng())
      const answer = await submit({ ...applicationFor(serial, overrides), ticket: t, photoKey })
      expect(answer.status, JSON.stringify(answer.body)).toBe(200)
      return answer.body.businessNo as string
    },
    progressByNumber: async (businessNo: string) => api.call('admissionProgressByNumber', { body: { businessNo, ...(await api.solvedCaptcha()) } }),
  }
}

const test = base.extend<{ applicant: ReturnType<typeof applicant> }>({
  applicant: async ({ stack }, use) => use(applicant(stack.api)),
})

const review = (who: SignedIn, businessNo: string) => who.call('admissionReview', { params: { businessNo } })
const decide = (who: SignedIn, businessNo: string, body: RouteBody<'admissionDecide'>) => who.call('admissionDecide', { params: { businessNo }, body })

async function decideAtCurrentVersion(who: SignedIn, businessNo: string, action: RouteBody<'admissionDecide'>['action'], opinion = '') {
  const { version } = await who.ok('admissionReview', { params: { businessNo } })
  return who.ok('admissionDecide', { params: { businessNo }, body: { action, opinion, version } })
}

async function pendingCount(staff: SignedIn) {
  return (await staff.ok('inbox')).categories.find((category) => category.kind === 'admission')!.pending
}

describe('verification and photo upload', () => {
  test('refuses a wrong captcha and issues a ticket for a right one', async ({ stack, applicant }) => {
    const { captchaId } = await stack.api.ok('captcha')
    const wrong = await stack.api.refused('admissionVerify', { body: { captchaId, captchaCode: 'zzzz' } })
    expect(wrong.status).toBe(400)
    expect(wrong.body.fieldErrors?.captchaCode).toContain('验证码')
    expect(await applicant.ticket()).toMatch(/^ey/)
  })

  test('refuses uploads without a valid ticket and types other than jpg/png', async ({ stack, applicant }) => {
    const noTicket = await stack.api.refused('admissionPhotoUpload', { body: { ticket: 'forged', contentType: 'image/png' } })
    expect(noTicket.status).toBe(400)
    expect(noTicket.body.message).toBe('验证信息无效，请重新验证后提交；已填写的内容会保留')
    // A type outside the contract, as a hand-made request would send it.
    const pdf = await stack.api.request('POST', '/api/v1/admission/photo-upload', {
      body: { ticket: await applicant.ticket(), contentType: 'application/pdf' },
    })
    expect(pdf.status).toBe(400)
    expect(pdf.body.fieldErrors.contentType).toBe('照片仅支持jpg、png格式')
  })

  test('accepts a real PNG and deletes a fake or oversized one after upload', async ({ stack, applicant: { ticket, upload } }) => {
    const t = await ticket()
    const good = await upload(t, placeholderPhotoPng())
    expect(await stack.api.ok('admissionPhotoCheck', { body: { ticket: t, key: good } })).toEqual({ ok: true })

    // The local S3 does not enforce the POST policy, so a text file claiming to be a PNG arrives...
    const fake = await upload(t, new TextEncoder().encode('this is not an image, just text pretending'))
    const fakeCheck = await stack.api.refused('admissionPhotoCheck', { body: { ticket: t, key: fake } })
    expect(fakeCheck.status).toBe(400)
    expect(fakeCheck.body.fieldErrors?.photoKey).toBe('照片须为jpg、png格式，该文件内容不符，请重新上传')
    // ...and the server's own check removes it.
    await expect(s3().send(new HeadObjectCommand({ Bucket: config.bucketName, Key: fake }))).rejects.toThrow()

    const big = new Uint8Array(2 * 1024 * 1024 + 1)
    big.set(placeholderPhotoPng().subarray(0, 8))
    const oversized = await upload(t, big)
    const bigCheck = await stack.api.refused('admissionPhotoCheck', { body: { ticket: t, key: oversized } })
    expect(bigCheck.status).toBe(400)
    expect(bigCheck.body.fieldErrors?.photoKey).toBe('照片大小须在2MB以内，请重新上传')
    await expect(s3().send(new HeadObjectCommand({ Bucket: config.bucketName, Key: oversized }))).rejects.toThrow()

    // Another applicant's upload cannot be attached.
    expect((await stack.api.refused('admissionPhotoCheck', { body: { ticket: await ticket(), key: good } })).status).toBe(400)
  })
})

describe('submitting an application', () => {
  test('names every missing field and writes nothing', async ({ localStaff, applicant: { ticket, submit } }) => {
    const before = await pendingCount(localStaff)
    const answer = await submit({ ticket: await ticket() })
    expect(answer.status).toBe(400)
    expect(answer.body.fieldErrors).toMatchObject({
      name: '请填写姓名',
      gender: '请选择性别',
      idNumber: '请填写证件号码',
      phone: '请填写手机号码',
      certificateNo: '请填写全科合格证号',
      associationCode: '请选择申请加入的协会',
      photoKey: '请填写照片',
    })
    expect(await pendingCount(localStaff)).toBe(before)
  })

  test('tells an altered ticket it is invalid and only a genuine one past 30 minutes that it expired', async ({ stack, applicant }) => {
    const genuine = await applicant.ticket()
    const [header, payload, signature] = genuine.split('.') as [string, string, string]
    const widened = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'someone-else' })).toString('base64url')
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1)
    for (const altered of [`${header}.${widened}.${signature}`, `${header}.${payload}.${flipped}`, `${header}.${payload}`]) {
      const answer = await stack.api.refused('admissionPhotoUpload', { body: { ticket: altered, contentType: 'image/png' } })
      expect(answer.status).toBe(400)
      expect(answer.body.fieldErrors?.ticket).toBe('验证信息无效，请重新验证后提交；已填写的内容会保留')
    }
    setClock(new Date(clock.now().getTime() + 31 * 60_000).toISOString())
    try {
      const late = await stack.api.refused('admissionPhotoUpload', { body: { ticket: genuine, contentType: 'image/png' } })
      expect(late.status).toBe(400)
      expect(late.body.fieldErrors?.ticket).toBe('验证信息已过期（30分钟），请重新验证后提交；已填写的内容会保留')
    } finally {
      useTestDay()
    }
  })

  test('refuses a name or work unit carrying bidi or invisible characters, and writes nothing', async ({
    localStaff,
    applicant: { ticket, upload, submit },
  }) => {
    const before = await pendingCount(localStaff)
    const t = await ticket()
    const photoKey = await upload(t, placeholderPhotoPng())
    const spoofed = await submit({ ...applicationFor('260', { name: '孙\u202E悦', workUnit: '杭州\u200B某某会计服务有限公司' }), ticket: t, photoKey })
    expect(spoofed.status).toBe(400)
    expect(spoofed.body.fieldErrors).toEqual({ name: '姓名含有不可见或控制字符', workUnit: '工作单位含有不可见或控制字符' })
    expect(await pendingCount(localStaff)).toBe(before)
  })

  test('checks the ID check digit, its agreement with birth date and gender, and the 5-year limit', async ({ applicant: { ticket, upload, submit } }) => {
    const t = await ticket()
    const photoKey = await upload(t, placeholderPhotoPng())
    const good = applicationFor('100')
    const badDigit = good.idNumber.slice(0, 17) + (good.idNumber.endsWith('0') ? '1' : '0')
    const checksum = await submit({ ...good, idNumber: badDigit, ticket: t, photoKey })
    expect(checksum.status).toBe(400)
    expect(checksum.body.fieldErrors.idNumber).toBe('居民身份证号码校验位不正确，请核对')

    const mismatch = await submit({ ...good, birthDate: '1999-05-07', gender: '男', ticket: t, photoKey })
    expect(mismatch.status).toBe(400)
    expect(mismatch.body.fieldErrors).toMatchObject({ birthDate: '出生日期与身份证号码不一致', gender: '性别与身份证号码不一致' })

    const old = await submit({ ...good, certificateDate: dayjs().subtract(6, 'year').format('YYYY-MM-DD'), ticket: t, photoKey })
    expect(old.status).toBe(400)
    expect(old.body.fieldErrors.certificateDate).toMatch(/^成为非执业会员须取得全科合格证不超过5年/)

    const formerOld = await submit({
      ...good,
      certificateDate: '2012-06-01',
      formerPractising: true,
      deregisteredOn: dayjs().subtract(7, 'year').format('YYYY-MM-DD'),
      ticket: t,
      photoKey,
    })
    expect(formerOld.status).toBe(400)
    expect(formerOld.body.fieldErrors.deregisteredOn).toMatch(/停止执业或被撤销、注销注册不超过5年/)

    const noKey = await submit({ ...good, ticket: t, photoKey }, null)
    expect(noKey.status).toBe(400)
    expect(noKey.body.message).toContain('idempotency-key')

    const stolenPhoto = await submit({ ...good, ticket: await ticket(), photoKey })
    expect(stolenPhoto.status).toBe(400)
    expect(stolenPhoto.body.fieldErrors.photoKey).toBe('照片无效，请重新上传')
  })

  test('takes an uploaded photo for one application only', async ({ localStaff, applicant: { ticket, upload, submit } }) => {
    const t = await ticket()
    const photoKey = await upload(t, placeholderPhotoPng())
    expect(photoKey).toMatch(/^pending\/admission\/photos\//)
    const first = await submit({ ...applicationFor('250'), ticket: t, photoKey })
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    const second = await submit({ ...applicationFor('251', { name: '周一鸣' }), ticket: t, photoKey })
    expect(second.status).toBe(409)
    expect(second.body.fieldErrors.photoKey).toBe('照片已添加过，同一文件只能添加一次')
    const { photoUrl } = await localStaff.ok('admissionReview', { params: { businessNo: first.body.businessNo } })
    expect((await fetch(photoUrl!)).status).toBe(200)
  })

  test('accepts a former practising CPA with an old certificate but a recent deregistration', async ({ applicant }) => {
    const businessNo = await applicant.apply('200', {
      certificateDate: '2012-06-01',
      formerPractising: true,
      deregisteredOn: dayjs().subtract(1, 'year').format('YYYY-MM-DD'),
    })
    expect(businessNo).toMatch(/^RH\d{14}$/)
  })

  test('creates one application for a retried submit and refuses a second open one for the same person', async ({
    localStaff,
    applicant: { ticket, upload, submit },
  }) => {
    const t = await ticket()
    const photoKey = await upload(t, placeholderPhotoPng())
    const body = { ...applicationFor('300'), ticket: t, photoKey }
    const key = randomUUID()
    const before = await pendingCount(localStaff)
    const [first, second] = await Promise.all([submit(body, key), submit(body, key)])
    const third = await submit(body, key)
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200])
    expect(new Set([first.body.businessNo, second.body.businessNo, third.body.businessNo]).size).toBe(1)
    expect(first.body.stageLabel).toBe('地方注协待审核')
    expect(await pendingCount(localStaff)).toBe(before + 1)

    const again = await submit(body, randomUUID())
    expect(again.status).toBe(409)
    expect(again.body.message).toContain(`业务编号 ${first.body.businessNo}`)

    const reusedKey = await submit({ ...body, name: '孙小悦' }, key)
    expect(reusedKey.status).toBe(409)
  })
})

describe('two-level review', () => {
  test('lets only the own association review, lets exactly one of two concurrent approvals win, then CICPA confirms and the member logs in', async ({
    stack,
    applicant: { apply, ticket, upload, submit, progressByNumber },
    member,
    localStaff: zjStaff,
    cicpaStaff,
    aLocalStaff,
    aMember,
  }) => {
    const bjStaff = await aLocalStaff('BJ')
    const businessNo = await apply('401', { name: '钱程', gender: '男', phone: '13700004444' })

    // Other association, a member, and no token at all.
    expect((await review(bjStaff, businessNo)).status).toBe(403)
    expect((await decide(bjStaff, businessNo, { action: 'approve', opinion: '', version: 0 })).status).toBe(403)
    expect((await review(member, businessNo)).status).toBe(403)
    expect((await stack.api.call('admissionReview', { params: { businessNo } })).status).toBe(401)
    expect((await review(zjStaff, 'RH20990101000000')).status).toBe(404)

    const detail = await zjStaff.ok('admissionReview', { params: { businessNo } })
    expect(detail).toMatchObject({ stage: 'local_pending', canDecide: true, decisionLabel: '地方注协审核', association: { name: '浙江省注册会计师协会' } })
    expect(detail.form.idNumber).toBe(mainlandId('33010619990506401'))
    const photo = await fetch(detail.photoUrl!)
    expect(photo.status).toBe(200)
    expect(
      Buffer.from(await photo.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG')

    // CICPA cannot jump the local level.
    expect((await decide(cicpaStaff, businessNo, { action: 'approve', opinion: '', version: detail.version })).status).toBe(403)
    const returnWithoutReason = await zjStaff.refused('admissionDecide', {
      params: { businessNo },
      body: { action: 'return', opinion: '', version: detail.version },
    })
    expect(returnWithoutReason.status).toBe(400)
    expect(returnWithoutReason.body.fieldErrors?.opinion).toBe('退回或不予通过时须填写原因')

    // The same reviewer signed in a second time, deciding at the same moment.
    const secondZj = await stack.api.token(zjStaff.account.userType, zjStaff.account.username, zjStaff.account.password)
    const [a, b] = await Promise.all([
      decide(zjStaff, businessNo, { action: 'approve', opinion: '材料齐全，同意', version: detail.version }),
      stack.api.call('admissionDecide', { as: secondZj, params: { businessNo }, body: { action: 'approve', opinion: '同意', version: detail.version } }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    expect((a.status === 409 ? a : b).body).toMatchObject({ message: '该记录已被他人修改，请刷新后重试' })
    expect((a.status === 200 ? a : b).body).toMatchObject({ stageLabel: '地方注协审核通过待中注协确认' })
    // A decision on what was seen before the change is refused, not applied twice.
    expect((await decide(zjStaff, businessNo, { action: 'reject', opinion: '迟到的操作', version: detail.version })).status).toBe(409)

    const waiting = await progressByNumber(businessNo)
    expect(waiting.status).toBe(200)
    expect(waiting.body).toMatchObject({ stage: 'cicpa_pending', nameMasked: '钱*', account: null, resubmit: null })
    expect(waiting.body).toMatchObject({ trail: [{ node: '提交入会申请' }, { node: '地方注协非执业会员入会审核通过' }] })
    expect(JSON.stringify(waiting.body)).not.toContain(detail.form.idNumber)

    const list = await cicpaStaff.ok('inboxItems', { params: { kind: 'admission' } })
    expect(list.items.map((item) => item.id)).toContain(businessNo)

    // The number the sequence would give next already belongs to a member: it is skipped.
    const prefix = memberNoPrefix('ZJ', clock.now())
    const { Item: counter } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.counter(`member-no#${prefix}`) }))
    const taken = await aMember({ memberNo: formatMemberNo(prefix, Number(counter?.value ?? 0) + 1) })

    // Two CICPA staff confirming at once: one member account, one 409.
    const atCicpa = await cicpaStaff.ok('admissionReview', { params: { businessNo } })
    expect(atCicpa).toMatchObject({ canDecide: true, decisionLabel: '中注协确认' })
    const otherCicpa = await stack.api.token(cicpaStaff.account.userType, cicpaStaff.account.username, cicpaStaff.account.password)
    const [c, d] = await Promise.all([
      decide(cicpaStaff, businessNo, { action: 'approve', opinion: '', version: atCicpa.version }),
      stack.api.call('admissionDecide', { as: otherCicpa, params: { businessNo }, body: { action: 'approve', opinion: '', version: atCicpa.version } }),
    ])
    expect([c.status, d.status].sort()).toEqual([200, 409])
    expect(c.status === 200 ? c.body : d.body).toMatchObject({ stage: 'approved', stageLabel: '中注协审核通过' })

    const done = await stack.api.ok('admissionProgressByNumber', { body: { businessNo, ...(await stack.api.solvedCaptcha()) } })
    const memberNo = done.account!.memberNo
    expect(c.status === 200 ? c.body : d.body).toMatchObject({ memberNo })
    expect(memberNo).toMatch(new RegExp(`^330000${String(chinaYear(clock.now())).slice(2)}\\d{4}$`))
    expect(memberNo).not.toBe(taken.member.memberNo)
    expect(done.account).toMatchObject({ memberNo, loginName: memberNo })
    const initialPassword = done.account!.initialPassword!
    expect(initialPassword).toMatch(/^[A-Za-z0-9]{10}$/)
    expect(done.trail.at(-1)).toMatchObject({ node: '中注协非执业会员入会确认通过', unit: '中国注册会计师协会', opinion: '同意' })

    // Stored encrypted, never in plain text.
    const { Item: stored } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.admission(businessNo) }))
    expect(JSON.stringify(stored)).not.toContain(initialPassword)
    expect(stored!.initialPasswordSealed).toMatch(/^v1\./)

    const login = await stack.api.login('non_practising', memberNo, initialPassword)
    expect(login.status).toBe(200)
    expect(login.body.user).toMatchObject({ mustChangePassword: true, displayName: '钱程' })
    const changed = await stack.api.ok('changePassword', { as: login.body.accessToken, body: { oldPassword: initialPassword, newPassword: 'Qiancheng2026' } })
    expect(await stack.api.ok('profile', { as: changed.accessToken })).toMatchObject({ memberNo, name: '钱程', association: { code: 'ZJ' } })

    // After the first change the progress page no longer shows it, and it is gone from storage.
    const after = await progressByNumber(businessNo)
    expect(after.body).toMatchObject({ account: { memberNo, initialPassword: null } })
    const { Item: cleared } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.admission(businessNo) }))
    expect(cleared!.initialPasswordSealed).toBeUndefined()

    // The same person cannot apply again.
    const t = await ticket()
    const photoKey = await upload(t, placeholderPhotoPng())
    const again = await submit({ ...applicationFor('401', { name: '钱程', gender: '男' }), ticket: t, photoKey })
    expect(again.status).toBe(409)
    expect(again.body.fieldErrors.idNumber).toBe('该证件号码已是非执业会员')

    // Member-number lookup: the number only.
    const lookup = await stack.api.call('memberNoLookup', { body: { name: '钱程', idNumber: detail.form.idNumber, ...(await stack.api.solvedCaptcha()) } })
    expect(lookup).toEqual({ status: 200, body: { memberNo } })
    const wrongName = await stack.api.call('memberNoLookup', { body: { name: '钱成', idNumber: detail.form.idNumber, ...(await stack.api.solvedCaptcha()) } })
    expect(wrongName.status).toBe(404)
    const wrongCaptcha = await stack.api.refused('memberNoLookup', {
      body: { name: '钱程', idNumber: detail.form.idNumber, captchaId: randomUUID(), captchaCode: 'abcd' },
    })
    expect(wrongCaptcha.status).toBe(400)
    expect(wrongCaptcha.body.code).toBe('CAPTCHA_INVALID')
  })

  test('returns with a reason, takes the corrected application under the same number, and rejects for good', async ({
    stack,
    localStaff: zjStaff,
    applicant: { apply, upload, progressByNumber },
  }) => {
    const businessNo = await apply('500', { name: '周敏', phone: '13700005555', workUnit: '某某' })
    await decideAtCurrentVersion(zjStaff, businessNo, 'return', '工作单位请填写全称')
    // Another returned application, whose number the correction below must not reach.
    const otherReturned = await apply('501', { name: '吴迪', phone: '13700006666' })
    await decideAtCurrentVersion(zjStaff, otherReturned, 'return', '请补充照片')

    const byBasic = await stack.api.ok('admissionProgressByBasic', {
      body: { name: '周敏', idNumber: mainlandId('33010619990506500'), phone: '13700005555', ...(await stack.api.solvedCaptcha()) },
    })
    expect(byBasic).toMatchObject({ businessNo, stage: 'returned', returnReason: '工作单位请填写全称' })
    expect(byBasic.resubmit!.form).toMatchObject({ name: '周敏', workUnit: '某某' })
    expect(byBasic.resubmit!.form).not.toHaveProperty('idNumber')
    expect((await zjStaff.ok('inboxItems', { params: { kind: 'admission' } })).items.map((item) => item.id)).not.toContain(businessNo)

    const wrongPhone = await stack.api.call('admissionProgressByBasic', {
      body: { name: '周敏', idNumber: mainlandId('33010619990506500'), phone: '13700009999', ...(await stack.api.solvedCaptcha()) },
    })
    expect(wrongPhone.status).toBe(404)

    const { token, form } = byBasic.resubmit!
    // A new photo replaces the attached one, whose object goes with it.
    expect(form.photoKey).toMatch(/^admission\/photos\//)
    const newPhoto = await upload(token, placeholderPhotoPng())
    const corrected = { ...form, idNumber: mainlandId('33010619990506500'), workUnit: '杭州某某会计服务有限公司', photoKey: newPhoto, resubmitToken: token }
    const resubmit = (number: string) => stack.api.call('admissionResubmit', { params: { businessNo: number }, body: corrected })
    expect((await resubmit(otherReturned)).status).toBe(404)
    expect(await resubmit(businessNo)).toEqual({ status: 200, body: { businessNo, stage: 'local_pending', stageLabel: '地方注协待审核' } })
    expect((await resubmit(businessNo)).status).toBe(409)

    const again = await zjStaff.ok('admissionReview', { params: { businessNo } })
    expect(again.form.workUnit).toBe('杭州某某会计服务有限公司')
    expect((await fetch(again.photoUrl!)).status).toBe(200)
    await expect(s3().send(new HeadObjectCommand({ Bucket: config.bucketName, Key: form.photoKey }))).rejects.toThrow()
    expect(again.trail.map((entry) => entry.node)).toEqual(['提交入会申请', '地方注协非执业会员入会审核退回', '修改后重新提交'])

    await decideAtCurrentVersion(zjStaff, businessNo, 'reject', '全科合格证号与考试记录不符')
    const rejected = await progressByNumber(businessNo)
    expect(rejected.body).toMatchObject({ stage: 'rejected', stageLabel: '审核未通过', rejectReason: '全科合格证号与考试记录不符', resubmit: null })
    const final = await zjStaff.ok('admissionReview', { params: { businessNo } })
    const afterReject = await zjStaff.refused('admissionDecide', { params: { businessNo }, body: { action: 'approve', opinion: '', version: final.version } })
    expect(afterReject.status).toBe(403)
    expect(afterReject.body.message).toBe('该申请已办结（审核未通过）')
    // Rejection closes the application: the person may apply anew.
    await apply('500', { name: '周敏', phone: '13700005555' })
  })

  test('lets CICPA review both levels for an applicant from abroad', async ({ localStaff, cicpaStaff, applicant }) => {
    const businessNo = await applicant.apply('600', {
      name: 'Li Na',
      idType: '护照',
      idNumber: 'E12345678',
      region: '境外',
      associationCode: 'CICPA',
      birthDate: '1995-03-03',
    })
    expect((await review(localStaff, businessNo)).status).toBe(403)
    expect(await decideAtCurrentVersion(cicpaStaff, businessNo, 'approve')).toMatchObject({ stage: 'cicpa_pending' })
    const confirmed = await decideAtCurrentVersion(cicpaStaff, businessNo, 'approve')
    expect(confirmed.memberNo).toMatch(/^100000\d{6}$/)
  })
})

describe('public queries', () => {
  test('answers a wrong business number and a wrong captcha alike', async ({ stack, applicant }) => {
    const real = await applicant.apply('700', { name: '陈静' })
    const wrongNumber = await stack.api.call('admissionProgressByNumber', { body: { businessNo: 'RH20261125999999', ...(await stack.api.solvedCaptcha()) } })
    const wrongCaptcha = await stack.api.call('admissionProgressByNumber', { body: { businessNo: real, captchaId: randomUUID(), captchaCode: 'abcd' } })
    expect(wrongNumber.status).toBe(404)
    expect(wrongCaptcha.status).toBe(404)
    expect(wrongNumber.body).toEqual(wrongCaptcha.body)
    const right = await applicant.progressByNumber(real)
    expect(right.body).toMatchObject({ stage: 'local_pending', stageLabel: '地方注协待审核', nameMasked: '陈*' })
  })

  test('finds a member by name and ID number', async ({ stack, aMember }) => {
    const { member } = await aMember({ association: 'BJ', record: { name: '王芳' } })
    const found = await stack.api.call('memberNoLookup', { body: { name: member.name, idNumber: member.idNumber, ...(await stack.api.solvedCaptcha()) } })
    expect(found).toEqual({ status: 200, body: { memberNo: member.memberNo } })
  })

  test('rate-limits the member-number lookup per client', async ({ stack }) => {
    const statuses: number[] = []
    for (let attempt = 0; attempt < 12 && !statuses.includes(429); attempt++) {
      const answer = await stack.api.call('memberNoLookup', { body: { name: '不存在', idNumber: 'X000000', captchaId: randomUUID(), captchaCode: 'abcd' } })
      statuses.push(answer.status)
      if (answer.status === 429) expect(answer.body).toMatchObject({ message: expect.stringMatching(/^查询过于频繁，请\d+分钟后再试$/) })
    }
    expect(statuses).toContain(429)
  })
})
