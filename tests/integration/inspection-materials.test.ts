import { HeadObjectCommand } from '@aws-sdk/client-s3'
import { inspectionYear } from '../support/calendar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { s3 } from '../../functions/adapters/s3'
import { config } from '../../functions/config'
import { DEMO_MEMBERS, DEMO_STAFF } from '../../functions/local/demo-data'
import { EXE, JPG, MB, PDF, PNG, uploadTo, XLS } from '../support/files'
import { startTestStack } from '../support/stack'

let stack: Awaited<ReturnType<typeof startTestStack>>
const [zhang, li] = DEMO_MEMBERS.map((member) => member.account)
const zjStaff = DEMO_STAFF[1]!
const tokens: Record<string, string> = {}
type Who = { userType: any; username: string; password: string }
const token = async (who: Who) => (tokens[who.username] ??= await stack.api.token(who.userType, who.username, who.password))
const call = async (method: string, path: string, who: Who, body?: unknown) => stack.api.request(method, path, { token: await token(who), body })

async function presign(who: Who, fileName: string, size: number, purpose = 'inspection') {
  return call('POST', '/api/v1/inspection/materials/uploads', who, { purpose, fileName, size })
}

async function upload(who: Who, fileName: string, content: Uint8Array, purpose = 'inspection') {
  const presigned = await presign(who, fileName, content.length, purpose)
  expect(presigned.status, JSON.stringify(presigned.body)).toBe(200)
  await uploadTo(presigned.body, content)
  return { key: presigned.body.key as string, attach: () => call('POST', '/api/v1/inspection/materials', who, { purpose, fileName, key: presigned.body.key }) }
}

async function exists(key: string) {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: config.bucketName, Key: key }))
    return true
  } catch {
    return false
  }
}

beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(() => stack?.stop())

describe('inspection materials', () => {
  it('attaches a checked pdf that can then be viewed through a short-lived link', async () => {
    const { attach } = await upload(zhang!, '学时证明.pdf', PDF())
    const attached = await attach()
    expect(attached.status).toBe(200)
    expect(attached.body.inspection).toEqual([expect.objectContaining({ name: '学时证明.pdf', size: 2048, contentType: 'application/pdf' })])
    const view = await fetch(attached.body.inspection[0].url)
    expect(view.status).toBe(200)
    expect(new TextDecoder().decode((await view.arrayBuffer()).slice(0, 5))).toBe('%PDF-')
    expect(attached.body.inspection[0].url).toContain('X-Amz-Expires=300')
    const overview = await call('GET', '/api/v1/inspection/overview', zhang!)
    expect(overview.body.materials.inspection).toHaveLength(1)
    // A draft exists now, but it is not an application yet.
    expect(overview.body).toMatchObject({ homeBadge: null, application: { status: 'draft' } })
    expect((await call('GET', '/api/v1/inspection/history', zhang!)).body.items).toEqual([])
  })

  it('refuses an .exe renamed .pdf and deletes it', async () => {
    const { key, attach } = await upload(zhang!, '证明.pdf', EXE())
    const refused = await attach()
    expect(refused.status).toBe(400)
    expect(refused.body.fieldErrors.key).toBe('附件“证明.pdf”须为pdf、jpg、png、xls格式，该文件内容不符，请重新上传')
    expect(await exists(key)).toBe(false)
  })

  it('refuses a png named .pdf and deletes it', async () => {
    const { key, attach } = await upload(zhang!, '扫描件.pdf', PNG())
    const refused = await attach()
    expect(refused.status).toBe(400)
    expect(refused.body.fieldErrors.key).toContain('内容与文件类型不符')
    expect(await exists(key)).toBe(false)
  })

  it('refuses a 6 MB pdf before uploading, and after uploading when the phone under-reported its size', async () => {
    const upfront = await presign(zhang!, '大文件.pdf', 6 * MB)
    expect(upfront.status).toBe(400)
    expect(upfront.body.fieldErrors.size).toBe('单个附件大小不能超过5MB')
    const presigned = await presign(zhang!, '大文件.pdf', 1000)
    await uploadTo(presigned.body, PDF(6 * MB))
    const refused = await call('POST', '/api/v1/inspection/materials', zhang!, { purpose: 'inspection', fileName: '大文件.pdf', key: presigned.body.key })
    expect(refused.status).toBe(400)
    expect(refused.body.fieldErrors.key).toBe('附件“大文件.pdf”大小须在5MB以内，请重新上传')
    expect(await exists(presigned.body.key)).toBe(false)
  })

  it('refuses other file types and empty names with field messages', async () => {
    const exe = await presign(zhang!, 'setup.exe', 100)
    expect(exe.status).toBe(400)
    expect(exe.body.fieldErrors.fileName).toBe('仅支持pdf、jpg、png、xls格式的文件')
    const xlsx = await presign(zhang!, '表格.xlsx', 100)
    expect(xlsx.body.fieldErrors.fileName).toBe('仅支持pdf、jpg、png、xls格式的文件')
    const nameless = await presign(zhang!, '', 100)
    expect(nameless.body.fieldErrors.fileName).toBe('请填写文件名')
    const purpose = await presign(zhang!, 'a.pdf', 100, 'holiday')
    expect(purpose.body.fieldErrors.purpose).toBe('请选择有效的材料类别')
  })

  it("refuses another member's uploaded object as not found", async () => {
    const { key } = await upload(zhang!, '他人的.pdf', PDF())
    const stolen = await call('POST', '/api/v1/inspection/materials', li!, { purpose: 'inspection', fileName: '他人的.pdf', key })
    expect(stolen.status).toBe(404)
    expect((await call('GET', '/api/v1/inspection/overview', li!)).body.materials.inspection).toEqual([])
  })

  it("keeps an upload under the member's pending/ prefix until it is attached, then under the member's folder", async () => {
    const { key, attach } = await upload(zhang!, '待添加.pdf', PDF())
    expect(key).toMatch(new RegExp(`^pending/inspection/${zhang!.username}/\\d{4}/inspection/[0-9a-f-]{36}\\.pdf$`))
    const attached = await attach()
    expect(attached.status).toBe(200)
    expect(await exists(key)).toBe(false)
    expect(await exists(key.slice('pending/'.length))).toBe(true)
    const file = attached.body.inspection.find((candidate: { name: string }) => candidate.name === '待添加.pdf')
    expect((await call('DELETE', `/api/v1/inspection/materials/${file.fileId}`, zhang!)).status).toBe(200)
    expect(await exists(key.slice('pending/'.length))).toBe(false)
  })

  it('attaches one upload once: the same file under another name is refused, so removing it breaks nothing', async () => {
    const { key } = await upload(zhang!, '证书.pdf', PDF())
    const attachAs = (fileName: string) => call('POST', '/api/v1/inspection/materials', zhang!, { purpose: 'inspection', fileName, key })
    const answers = await Promise.all([attachAs('证书.pdf'), attachAs('证书副本.pdf')])
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409])
    expect(answers.find((answer) => answer.status === 409)!.body.fieldErrors.key).toMatch(/^附件“证书(副本)?\.pdf”已添加过，同一文件只能添加一次$/)
    const later = await attachAs('证书第三份.pdf')
    expect(later.status).toBe(409)
    expect(later.body.fieldErrors.key).toBe('附件“证书第三份.pdf”已添加过，同一文件只能添加一次')
    const deferral = await call('POST', '/api/v1/inspection/materials', zhang!, { purpose: 'deferral', fileName: '证书.pdf', key })
    expect(deferral.status).toBe(404)
    const copies = (await call('GET', '/api/v1/inspection/overview', zhang!)).body.materials.inspection.filter((file: { name: string }) =>
      file.name.startsWith('证书'),
    )
    expect(copies).toHaveLength(1)
    expect((await fetch(copies[0].url)).status).toBe(200)
    expect((await call('DELETE', `/api/v1/inspection/materials/${copies[0].fileId}`, zhang!)).status).toBe(200)
  })

  it('says an empty file is empty, and bounds the size the phone declares with a Chinese message', async () => {
    const presigned = await presign(zhang!, '空白.pdf', 100)
    await uploadTo(presigned.body, new Uint8Array(0))
    const empty = await call('POST', '/api/v1/inspection/materials', zhang!, { purpose: 'inspection', fileName: '空白.pdf', key: presigned.body.key })
    expect(empty.status).toBe(400)
    expect(empty.body.fieldErrors.key).toBe('附件“空白.pdf”为空文件，请重新选择')
    expect((await presign(zhang!, '空白.pdf', 0)).body.fieldErrors.size).toBe('文件为空，请重新选择')
    expect((await presign(zhang!, '巨大.pdf', 1e300)).body.fieldErrors.size).toBe('单个附件大小不能超过50MB')
    expect((await presign(zhang!, '巨大.pdf', 1e300, 'deferral')).body.fieldErrors.size).toBe('单个附件大小不能超过50MB')
  })

  it('accepts jpg, png and xls, and refuses a sixth file', async () => {
    for (const [name, content] of [
      ['照片.jpg', JPG()],
      ['截图.png', PNG()],
      ['学时表.xls', XLS()],
    ] as const) {
      const { attach } = await upload(zhang!, name, content)
      expect((await attach()).status).toBe(200)
    }
    // Two uploads prepared while there were four files; only one may join.
    const fifth = await upload(zhang!, '第五个.pdf', PDF())
    const sixth = await upload(zhang!, '第六个.pdf', PDF())
    expect((await fifth.attach()).body.inspection).toHaveLength(5)
    const refused = await sixth.attach()
    expect(refused.status).toBe(400)
    expect(refused.body.fieldErrors.key).toBe('最多上传5个附件')
    expect(await exists(sixth.key)).toBe(false)
    const presignSixth = await presign(zhang!, '第七个.pdf', 100)
    expect(presignSixth.status).toBe(400)
    expect(presignSixth.body.fieldErrors.fileName).toBe('最多上传5个附件')
  })

  it('removes a file before submitting, deleting the object; unknown or foreign ids are 404', async () => {
    const { body } = await call('GET', '/api/v1/inspection/overview', zhang!)
    const victim = body.materials.inspection.find((file: { name: string }) => file.name === '第五个.pdf')
    const removed = await call('DELETE', `/api/v1/inspection/materials/${victim.fileId}`, zhang!)
    expect(removed.status).toBe(200)
    expect(removed.body.inspection.map((file: { name: string }) => file.name)).toEqual(['学时证明.pdf', '照片.jpg', '截图.png', '学时表.xls'])
    expect((await call('DELETE', `/api/v1/inspection/materials/${victim.fileId}`, zhang!)).status).toBe(404)
    const other = body.materials.inspection[0].fileId
    expect((await call('DELETE', `/api/v1/inspection/materials/${other}`, li!)).status).toBe(404)
    expect((await call('DELETE', '/api/v1/inspection/materials/abc', zhang!)).status).toBe(400)
  })

  it('takes deferral proofs up to 50 MB each, kept apart from the inspection materials', async () => {
    expect((await presign(zhang!, '病历.pdf', 60 * MB, 'deferral')).body.fieldErrors.size).toBe('单个附件大小不能超过50MB')
    const { attach } = await upload(zhang!, '病历.pdf', PDF(6 * MB), 'deferral')
    const attached = await attach()
    expect(attached.status).toBe(200)
    expect(attached.body.deferral).toEqual([expect.objectContaining({ name: '病历.pdf', size: 6 * MB })])
    expect(attached.body.inspection).toHaveLength(4)
  })

  it('submits with the files, shows them to staff, and freezes them while under review', async () => {
    const submitted = await call('POST', '/api/v1/inspection/applications', zhang!, { year: inspectionYear(), commitmentAccepted: true })
    expect(submitted.status).toBe(200)
    const staffView = await call('GET', `/api/v1/inspection/applications/${submitted.body.application.id}`, zjStaff)
    expect(staffView.body.files.map((file: { name: string }) => file.name)).toEqual(['学时证明.pdf', '照片.jpg', '截图.png', '学时表.xls'])
    expect((await fetch(staffView.body.files[1].url)).status).toBe(200)
    const frozen = await presign(zhang!, '补充.pdf', 100)
    expect(frozen.status).toBe(409)
    expect(frozen.body.message).toBe('申请正在审核中，材料不能再修改')
    expect((await call('DELETE', `/api/v1/inspection/materials/${staffView.body.files[0].fileId}`, zhang!)).status).toBe(409)
  })
})
