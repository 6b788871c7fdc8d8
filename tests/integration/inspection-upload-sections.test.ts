import { HeadObjectCommand } from '@aws-sdk/client-s3'
import { describe, expect } from 'vitest'
import { s3 } from '../../functions/adapters/s3'
import { config } from '../../functions/config'
import type { RouteBody } from '../../shared/api/contract'
import type { SignedIn } from '../support/builders'
import { inspectionYear } from '../support/calendar'
import { PDF, uploadTo } from '../support/files'
import { test } from '../support/fixtures'

type Uploads = NonNullable<RouteBody<'saveInspectionNotice'>['uploads']>
/** What the contract would not let a caller type, sent on purpose to see the server refuse it. */
const outsideContract = (value: unknown) => value as never

async function setUploads(staff: SignedIn, uploads: Uploads) {
  const { notice, version } = await staff.ok('inspectionNotice')
  return staff.ok('saveInspectionNotice', { body: { notice, version, uploads } })
}

const presign = (purpose: 'inspection' | 'deferral') => ({ body: { purpose, fileName: '证明.pdf', size: PDF().length } })
const reason = '派驻海外工作，无法按时完成继续教育。'

async function exists(key: string) {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: config.bucketName, Key: key }))
    return true
  } catch {
    return false
  }
}

// Each test closes sections of an association of its own: the settings are per association and live as long as the file's stack.
describe('upload sections an association closes (seed 003: 无需上传材料时则该端口关闭)', () => {
  test('are open until staff close one; a save without them leaves them as they are', async ({ aLocalStaff }) => {
    const staff = await aLocalStaff('GD')
    expect((await staff.ok('inspectionNotice')).uploads).toEqual({ inspection: true, deferral: true })
    expect((await setUploads(staff, { inspection: false, deferral: true })).uploads).toEqual({ inspection: false, deferral: true })
    const { version } = await staff.ok('inspectionNotice')
    const renamed = await staff.ok('saveInspectionNotice', { body: { notice: '广东注协：请按时年检。', version } })
    expect(renamed).toMatchObject({ notice: '广东注协：请按时年检。', uploads: { inspection: false, deferral: true } })
  })

  test('refuses a section that is not a yes or no, naming it, and writes nothing', async ({ aLocalStaff }) => {
    const staff = await aLocalStaff('GX')
    const { notice, version } = await staff.ok('inspectionNotice')
    const refused = await staff.refused('saveInspectionNotice', {
      body: { notice, version, uploads: outsideContract({ inspection: '关', deferral: true }) },
    })
    expect(refused.status).toBe(400)
    expect(refused.body.fieldErrors?.['uploads.inspection']).toContain('年检申请上传材料')
    expect(await staff.ok('inspectionNotice')).toMatchObject({ version, uploads: { inspection: true, deferral: true } })
  })

  test('closed for 年检申请: the member is told so, takes no file, and applies without materials', async ({ aMember, aLocalStaff }) => {
    await setUploads(await aLocalStaff('HN'), { inspection: false, deferral: true })
    const member = await aMember({ association: 'HN', hours: 40, fee: '免会费', info: true })
    expect((await member.ok('inspectionOverview')).uploads).toEqual({ inspection: false, deferral: true })
    const refused = await member.refused('presignMaterial', presign('inspection'))
    expect(refused.status).toBe(400)
    expect(refused.body.fieldErrors).toEqual({ purpose: '本协会年检申请无需上传材料' })
    // The deferral's proofs are still asked for, and another association's members still upload.
    expect((await member.call('presignMaterial', presign('deferral'))).status).toBe(200)
    const elsewhere = await aMember({ association: 'ZJ' })
    expect((await elsewhere.call('presignMaterial', presign('inspection'))).status).toBe(200)
    const applied = await member.call('submitInspection', { body: { year: inspectionYear(), commitmentAccepted: true } })
    expect(applied.status).toBe(200)
  })

  test('closed for 暂缓年检: a deferral needs no proof, and a file readied before the close is refused and deleted', async ({ aMember, aLocalStaff }) => {
    const staff = await aLocalStaff('HB')
    const member = await aMember({ association: 'HB', hours: 20, fee: '去支付' })
    const readied = await member.ok('presignMaterial', presign('deferral'))
    await uploadTo(readied, PDF())
    await setUploads(staff, { inspection: true, deferral: false })

    const late = await member.refused('attachMaterial', { body: { purpose: 'deferral', fileName: '证明.pdf', key: readied.key } })
    expect(late.status).toBe(400)
    expect(late.body.fieldErrors).toEqual({ purpose: '本协会暂缓年检申请无需上传证明材料' })
    expect(await exists(readied.key)).toBe(false)
    expect((await member.ok('inspectionOverview')).materials.deferral).toEqual([])

    const deferred = await member.call('submitDeferral', { body: { year: inspectionYear(), commitmentAccepted: true, reason } })
    expect(deferred.status).toBe(200)
    expect(deferred.body).toMatchObject({ application: { kind: 'deferral', status: 'pending' } })
  })
})
