import { mkdirSync, writeFileSync } from 'node:fs'
import { afterEach, describe, expect } from 'vitest'
import { clock } from '../../functions/adapters/clock'
import { ROOT } from '../../scripts/local-settings'
import { anArticleClaim, type SignedMember } from '../support/builders'
import { inspectionYear, setClock, useTestDay } from '../support/calendar'
import { test as base } from '../support/fixtures'
import { putInspection } from '../support/inspections'

afterEach(() => useTestDay())

const test = base.extend<{ zhang: SignedMember }>({
  /** A member with something in every part: a passed 年检, an approved hours claim (trail, message, hours), a bound WeChat. */
  zhang: async ({ aMember, localStaff }, use) => {
    const zhang = await aMember({ record: { name: '张晓明', phone: '13812348628' }, hours: 12, fee: '已确认', info: true, wechatUser: 'zhang-export' })
    await putInspection(zhang.member, inspectionYear() - 1, 'passed')
    await anArticleClaim(zhang, { title: '论数据资产入表的审计应对', passedBy: localStaff })
    await use(zhang)
  },
})

const fetchFile = async (url: string) => {
  const answer = await fetch(url)
  expect(answer.status).toBe(200)
  return { bytes: new Uint8Array(await answer.arrayBuffer()), disposition: answer.headers.get('content-disposition') ?? '' }
}

describe('个人信息导出', () => {
  test('holds everything kept about the member, as JSON and a PDF, each downloaded once', async ({ zhang }) => {
    const started = performance.now()
    const made = await zhang.ok('startPersonalExport')
    const buildMs = performance.now() - started
    expect(made).toMatchObject({ status: 'ready', statusLabel: '可下载' })
    expect(made.files.map((file) => file.file).sort()).toEqual(['json', 'pdf'])
    // Built within the request: the page waits for it (measured here, reported in the README).
    console.info(`personal export built in ${buildMs.toFixed(0)} ms`)

    const json = await zhang.ok('downloadPersonalExport', { params: { id: made.id }, body: { file: 'json' } })
    expect(json.url).toContain('X-Amz-Expires=60')
    const { bytes, disposition } = await fetchFile(json.url)
    expect(decodeURIComponent(disposition)).toContain(`个人信息导出_${zhang.member.memberNo}_`)
    const text = new TextDecoder().decode(bytes)
    const data = JSON.parse(text)
    const kinds = (section: string) => data.sections[section].records.map((record: { kind: string }) => record.kind)
    expect(data.memberNo).toBe(zhang.member.memberNo)
    expect(kinds('profile')).toContain('PROFILE')
    expect(kinds('profile')).toContain('INSPECTION_INFO')
    expect(data.sections.profile.records.find((r: { kind: string }) => r.kind === 'PROFILE').data).toMatchObject({
      name: '张晓明',
      idNumber: zhang.member.idNumber,
      phone: '13812348628',
    })
    expect(kinds('account')).toContain('ACCOUNT')
    expect(kinds('applications')).toEqual(['INSPECTION'])
    expect(kinds('payments')).toContain('FEE')
    expect(kinds('hours')).toEqual(expect.arrayContaining(['HOURS', 'HOURSUM']))
    const claim = data.sections.claims.records.find((r: { kind: string }) => r.kind === 'CLAIM')
    expect(claim.data).toMatchObject({ title: '论数据资产入表的审计应对', status: 'approved' })
    expect(claim.trail.map((step: { opinion: string }) => step.opinion).length).toBeGreaterThanOrEqual(2)
    expect(kinds('messages')).toContain('MESSAGE')
    expect(kinds('wechat')).toEqual(expect.arrayContaining(['WECHAT', 'TEMPLATE']))
    expect(kinds('exports')).toEqual(['PEXPORT'])
    // What is the system's and not the member's never leaves it.
    for (const secret of ['passwordHash', 'tokenVersion', 'identityDigest', 'GSI1PK', '"PK"']) expect(text).not.toContain(secret)

    const pdf = await zhang.ok('downloadPersonalExport', { params: { id: made.id }, body: { file: 'pdf' } })
    const pdfFile = await fetchFile(pdf.url)
    expect(new TextDecoder().decode(pdfFile.bytes.slice(0, 5))).toBe('%PDF-')
    mkdirSync(`${ROOT}/test-results`, { recursive: true })
    writeFileSync(`${ROOT}/test-results/personal-export.pdf`, pdfFile.bytes)

    const again = await zhang.refused('downloadPersonalExport', { params: { id: made.id }, body: { file: 'pdf' } })
    expect(again.status).toBe(409)
    expect(again.body.message).toMatch(/^该文件已于.+下载过，为保护您的个人信息，每个文件只能下载一次/)

    const { items } = await zhang.ok('personalExports')
    expect(items[0]).toMatchObject({ id: made.id, status: 'downloaded', statusLabel: '已下载' })
    expect(items[0]!.files.every((file) => file.downloadedAt)).toBe(true)
  })

  test("another member's export cannot be read, whatever its id", async ({ zhang, aMember }) => {
    const made = await zhang.ok('startPersonalExport')
    const other = await aMember()
    const refused = await other.refused('downloadPersonalExport', { params: { id: made.id }, body: { file: 'json' } })
    expect(refused).toMatchObject({ status: 404, body: { message: '导出记录不存在' } })
    expect((await other.ok('personalExports')).items).toEqual([])
    // Still there, untouched, for its owner.
    expect((await zhang.ok('downloadPersonalExport', { params: { id: made.id }, body: { file: 'json' } })).url).toContain('personal-exports/')
  })

  test('two downloads of one file at once: one gets the link', async ({ member }) => {
    const made = await member.ok('startPersonalExport')
    const answers = await Promise.all([1, 2].map(() => member.call('downloadPersonalExport', { params: { id: made.id }, body: { file: 'json' } })))
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409])
  })

  test('a day after the export nothing is handed out any more', async ({ member }) => {
    const made = await member.ok('startPersonalExport')
    setClock(new Date(clock.now().getTime() + 24 * 3_600_000 + 60_000).toISOString())
    const refused = await member.refused('downloadPersonalExport', { params: { id: made.id }, body: { file: 'pdf' } })
    expect(refused).toMatchObject({ status: 409, body: { message: '下载期限已过（导出后24小时内有效），请重新导出' } })
    expect((await member.ok('personalExports')).items[0]).toMatchObject({ status: 'expired', statusLabel: '已过期' })
  })

  test('one export a day: the second is refused until the next China day', async ({ member }) => {
    await member.ok('startPersonalExport')
    const again = await member.refused('startPersonalExport')
    expect(again.status).toBe(429)
    expect(again.body.message).toMatch(/^个人信息每天可导出一次，今天已导出；请于.+ 00:00后再试$/)
    const { nextAllowedAt } = await member.ok('personalExports')
    expect(nextAllowedAt).not.toBeNull()
    setClock(nextAllowedAt!)
    expect((await member.ok('startPersonalExport')).status).toBe('ready')
    expect((await member.ok('personalExports')).items).toHaveLength(2)
  })

  test('bad input is refused naming the field, and staff have no personal export', async ({ member, localStaff }) => {
    const badFile = await member.refused('downloadPersonalExport', { params: { id: '2026-01-01' }, body: { file: 'zip' as never } })
    expect(badFile.status).toBe(400)
    expect(badFile.body.fieldErrors?.file).toContain('请选择要下载的文件')
    const badId = await member.refused('downloadPersonalExport', { params: { id: 'latest' }, body: { file: 'pdf' } })
    expect(badId.status).toBe(400)
    expect(badId.body.fieldErrors?.id).toBe('导出记录编号格式不正确')
    expect((await localStaff.refused('startPersonalExport')).status).toBe(403)
  })
})
