import { HeadObjectCommand } from '@aws-sdk/client-s3'
import { describe, expect } from 'vitest'
import { s3 } from '../../functions/adapters/s3'
import { config } from '../../functions/config'
import type { RouteBody } from '../../shared/api/contract'
import { inspectionYear } from '../support/calendar'
import type { SignedMember } from '../support/builders'
import { EXE, JPG, MB, PDF, PNG, uploadTo, XLS } from '../support/files'
import { test } from '../support/fixtures'

type Purpose = RouteBody<'presignMaterial'>['purpose']
/** What the contract would not let a caller type, sent on purpose to see the server refuse it. */
const outsideContract = (value: unknown) => value as never
const presignOf = (fileName: string, size: number, purpose: Purpose = 'inspection') => ({ body: { purpose, fileName, size } })
const attachOf = (key: string, fileName: string, purpose: Purpose = 'inspection') => ({ body: { purpose, fileName, key } })

/** Puts a file into the member's pending uploads; `attach` and `refuse` then try to add it to the materials. */
async function upload(member: SignedMember, fileName: string, content: Uint8Array, purpose: Purpose = 'inspection') {
  const presigned = await member.ok('presignMaterial', presignOf(fileName, content.length, purpose))
  await uploadTo(presigned, content)
  const attachment = attachOf(presigned.key, fileName, purpose)
  return { key: presigned.key, attach: () => member.ok('attachMaterial', attachment), refuse: () => member.refused('attachMaterial', attachment) }
}

async function exists(key: string) {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: config.bucketName, Key: key }))
    return true
  } catch {
    return false
  }
}

const FOUR_FILES = ['学时证明.pdf', '照片.jpg', '截图.png', '学时表.xls'] as const

/** Attaches a pdf, a jpg, a png and an xls, in that order. */
async function attachFourFiles(member: SignedMember) {
  const contents = [PDF(), JPG(), PNG(), XLS()]
  for (const [index, name] of FOUR_FILES.entries()) await (await upload(member, name, contents[index]!)).attach()
}

/** A member who may apply (hours met, 免会费, 完善信息 saved), with no materials yet. */
const eligible = { hours: 40, fee: '免会费', info: true } as const

const materialsTest = test.extend<{ zhang: SignedMember; withFiles: SignedMember }>({
  zhang: async ({ aMember }, use) => use(await aMember(eligible)),
  /** The member's four materials, attached and not yet submitted. */
  withFiles: async ({ zhang }, use) => {
    await attachFourFiles(zhang)
    await use(zhang)
  },
})

describe('inspection materials', () => {
  materialsTest('attaches a checked pdf that can then be viewed through a short-lived link', async ({ zhang }) => {
    const attached = await (await upload(zhang, '学时证明.pdf', PDF())).attach()
    expect(attached.inspection).toEqual([expect.objectContaining({ name: '学时证明.pdf', size: 2048, contentType: 'application/pdf' })])
    const view = await fetch(attached.inspection[0]!.url)
    expect(view.status).toBe(200)
    expect(new TextDecoder().decode((await view.arrayBuffer()).slice(0, 5))).toBe('%PDF-')
    expect(attached.inspection[0]!.url).toContain('X-Amz-Expires=300')
    const overview = await zhang.ok('inspectionOverview')
    expect(overview.materials.inspection).toHaveLength(1)
    // A draft exists now, but it is not an application yet.
    expect(overview).toMatchObject({ homeBadge: null, application: { status: 'draft' } })
    expect((await zhang.ok('inspectionHistory')).items).toEqual([])
  })

  materialsTest('refuses an .exe renamed .pdf and deletes it', async ({ zhang }) => {
    const { key, refuse } = await upload(zhang, '证明.pdf', EXE())
    const refused = await refuse()
    expect(refused.status).toBe(400)
    expect(refused.body.fieldErrors?.key).toBe('附件“证明.pdf”须为pdf、jpg、png、xls格式，该文件内容不符，请重新上传')
    expect(await exists(key)).toBe(false)
  })

  materialsTest('refuses a png named .pdf and deletes it', async ({ zhang }) => {
    const { key, refuse } = await upload(zhang, '扫描件.pdf', PNG())
    const refused = await refuse()
    expect(refused.status).toBe(400)
    expect(refused.body.fieldErrors?.key).toContain('内容与文件类型不符')
    expect(await exists(key)).toBe(false)
  })

  materialsTest('refuses a 6 MB pdf before uploading, and after uploading when the phone under-reported its size', async ({ zhang }) => {
    const upfront = await zhang.refused('presignMaterial', presignOf('大文件.pdf', 6 * MB))
    expect(upfront.status).toBe(400)
    expect(upfront.body.fieldErrors?.size).toBe('单个附件大小不能超过5MB')
    const presigned = await zhang.ok('presignMaterial', presignOf('大文件.pdf', 1000))
    await uploadTo(presigned, PDF(6 * MB))
    const refused = await zhang.refused('attachMaterial', attachOf(presigned.key, '大文件.pdf'))
    expect(refused.status).toBe(400)
    expect(refused.body.fieldErrors?.key).toBe('附件“大文件.pdf”大小须在5MB以内，请重新上传')
    expect(await exists(presigned.key)).toBe(false)
  })

  materialsTest('refuses other file types and empty names with field messages', async ({ zhang }) => {
    const exe = await zhang.refused('presignMaterial', presignOf('setup.exe', 100))
    expect(exe.status).toBe(400)
    expect(exe.body.fieldErrors?.fileName).toBe('仅支持pdf、jpg、png、xls格式的文件')
    const xlsx = await zhang.refused('presignMaterial', presignOf('表格.xlsx', 100))
    expect(xlsx.body.fieldErrors?.fileName).toBe('仅支持pdf、jpg、png、xls格式的文件')
    const nameless = await zhang.refused('presignMaterial', presignOf('', 100))
    expect(nameless.body.fieldErrors?.fileName).toBe('请填写文件名')
    const purpose = await zhang.refused('presignMaterial', presignOf('a.pdf', 100, outsideContract('holiday')))
    expect(purpose.body.fieldErrors?.purpose).toBe('请选择有效的材料类别')
  })

  materialsTest("refuses another member's uploaded object as not found", async ({ zhang, member: li }) => {
    const { key } = await upload(zhang, '他人的.pdf', PDF())
    expect((await li.refused('attachMaterial', attachOf(key, '他人的.pdf'))).status).toBe(404)
    expect((await li.ok('inspectionOverview')).materials.inspection).toEqual([])
  })

  materialsTest("keeps an upload under the member's pending/ prefix until it is attached, then under the member's folder", async ({ zhang }) => {
    const { key, attach } = await upload(zhang, '待添加.pdf', PDF())
    expect(key).toMatch(new RegExp(`^pending/inspection/${zhang.member.memberNo}/\\d{4}/inspection/[0-9a-f-]{36}\\.pdf$`))
    const attached = await attach()
    expect(await exists(key)).toBe(false)
    expect(await exists(key.slice('pending/'.length))).toBe(true)
    const file = attached.inspection.find((candidate) => candidate.name === '待添加.pdf')!
    await zhang.ok('removeMaterial', { params: { fileId: file.fileId } })
    expect(await exists(key.slice('pending/'.length))).toBe(false)
  })

  materialsTest('attaches one upload once: the same file under another name is refused, so removing it breaks nothing', async ({ zhang }) => {
    const { key } = await upload(zhang, '证书.pdf', PDF())
    const attachAs = (fileName: string) => zhang.call('attachMaterial', attachOf(key, fileName))
    const answers = await Promise.all([attachAs('证书.pdf'), attachAs('证书副本.pdf')])
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409])
    expect(answers.find((answer) => answer.status === 409)!.body).toMatchObject({
      fieldErrors: { key: expect.stringMatching(/^附件“证书(副本)?\.pdf”已添加过，同一文件只能添加一次$/) },
    })
    const later = await zhang.refused('attachMaterial', attachOf(key, '证书第三份.pdf'))
    expect(later.status).toBe(409)
    expect(later.body.fieldErrors?.key).toBe('附件“证书第三份.pdf”已添加过，同一文件只能添加一次')
    expect((await zhang.refused('attachMaterial', attachOf(key, '证书.pdf', 'deferral'))).status).toBe(404)
    const copies = (await zhang.ok('inspectionOverview')).materials.inspection.filter((file) => file.name.startsWith('证书'))
    expect(copies).toHaveLength(1)
    expect((await fetch(copies[0]!.url)).status).toBe(200)
    await zhang.ok('removeMaterial', { params: { fileId: copies[0]!.fileId } })
  })

  materialsTest('says an empty file is empty, and bounds the size the phone declares with a Chinese message', async ({ zhang }) => {
    const presigned = await zhang.ok('presignMaterial', presignOf('空白.pdf', 100))
    await uploadTo(presigned, new Uint8Array(0))
    const empty = await zhang.refused('attachMaterial', attachOf(presigned.key, '空白.pdf'))
    expect(empty.status).toBe(400)
    expect(empty.body.fieldErrors?.key).toBe('附件“空白.pdf”为空文件，请重新选择')
    expect((await zhang.refused('presignMaterial', presignOf('空白.pdf', 0))).body.fieldErrors?.size).toBe('文件为空，请重新选择')
    expect((await zhang.refused('presignMaterial', presignOf('巨大.pdf', 1e300))).body.fieldErrors?.size).toBe('单个附件大小不能超过50MB')
    expect((await zhang.refused('presignMaterial', presignOf('巨大.pdf', 1e300, 'deferral'))).body.fieldErrors?.size).toBe('单个附件大小不能超过50MB')
  })

  materialsTest('accepts jpg, png and xls, and refuses a sixth file', async ({ zhang }) => {
    await attachFourFiles(zhang)
    expect((await zhang.ok('inspectionOverview')).materials.inspection.map((file) => file.name)).toEqual([...FOUR_FILES])
    // Two uploads prepared while there were four files; only one may join.
    const fifth = await upload(zhang, '第五个.pdf', PDF())
    const sixth = await upload(zhang, '第六个.pdf', PDF())
    expect((await fifth.attach()).inspection).toHaveLength(5)
    const refused = await sixth.refuse()
    expect(refused.status).toBe(400)
    expect(refused.body.fieldErrors?.key).toBe('最多上传5个附件')
    expect(await exists(sixth.key)).toBe(false)
    const presignSixth = await zhang.refused('presignMaterial', presignOf('第七个.pdf', 100))
    expect(presignSixth.status).toBe(400)
    expect(presignSixth.body.fieldErrors?.fileName).toBe('最多上传5个附件')
  })

  materialsTest('removes a file before submitting, deleting the object; unknown or foreign ids are 404', async ({ withFiles: zhang, member: li }) => {
    const attached = await (await upload(zhang, '第五个.pdf', PDF())).attach()
    const victim = attached.inspection.find((file) => file.name === '第五个.pdf')!
    const removed = await zhang.ok('removeMaterial', { params: { fileId: victim.fileId } })
    expect(removed.inspection.map((file) => file.name)).toEqual([...FOUR_FILES])
    expect((await zhang.refused('removeMaterial', { params: { fileId: victim.fileId } })).status).toBe(404)
    expect((await li.refused('removeMaterial', { params: { fileId: attached.inspection[0]!.fileId } })).status).toBe(404)
    expect((await zhang.refused('removeMaterial', { params: { fileId: 'abc' } })).status).toBe(400)
  })

  materialsTest('takes deferral proofs up to 50 MB each, kept apart from the inspection materials', async ({ withFiles: zhang }) => {
    expect((await zhang.refused('presignMaterial', presignOf('病历.pdf', 60 * MB, 'deferral'))).body.fieldErrors?.size).toBe('单个附件大小不能超过50MB')
    const attached = await (await upload(zhang, '病历.pdf', PDF(6 * MB), 'deferral')).attach()
    expect(attached.deferral).toEqual([expect.objectContaining({ name: '病历.pdf', size: 6 * MB })])
    expect(attached.inspection).toHaveLength(4)
  })

  materialsTest('submits with the files, shows them to staff, and freezes them while under review', async ({ withFiles: zhang, localStaff }) => {
    const submitted = await zhang.ok('submitInspection', { body: { year: inspectionYear(), commitmentAccepted: true } })
    const staffView = await localStaff.ok('inspectionDetail', { params: { id: submitted.application.id } })
    expect(staffView.files.map((file) => file.name)).toEqual([...FOUR_FILES])
    expect((await fetch(staffView.files[1]!.url)).status).toBe(200)
    const frozen = await zhang.refused('presignMaterial', presignOf('补充.pdf', 100))
    expect(frozen.status).toBe(409)
    expect(frozen.body.message).toBe('申请正在审核中，材料不能再修改')
    expect((await zhang.refused('removeMaterial', { params: { fileId: staffView.files[0]!.fileId } })).status).toBe(409)
  })
})
