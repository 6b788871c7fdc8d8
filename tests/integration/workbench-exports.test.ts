import ExcelJS from 'exceljs'
import { describe, expect, vi } from 'vitest'
import type { RouteBody, RouteResponse } from '../../shared/api/contract'
import type { SignedIn, SignedMember } from '../support/builders'
import { inspectionYear } from '../support/calendar'
import { test } from '../support/fixtures'

type Job = RouteResponse<'exportJob'>

const ready = (association: string) => ({ association, hours: 40, fee: '免会费', info: true }) as const

async function applyAndMaybePass(member: SignedMember, staff: SignedIn, pass: boolean) {
  await member.ok('submitInspection', { body: { year: inspectionYear(), commitmentAccepted: true } })
  if (!pass) return
  const params = { id: `${member.member.memberNo}-${inspectionYear()}` }
  const { version } = await staff.ok('inspectionDetail', { params })
  await staff.ok('decideInspection', { params, body: { decision: 'pass', opinion: '', version } })
}

/** Starts an export and follows it as the page does, keeping every state it was seen in. */
async function exported(staff: SignedIn, body: RouteBody<'startExport'>) {
  const started = await staff.ok('startExport', { body })
  const seen: Job[] = [started]
  const done = await vi.waitFor(
    async () => {
      const job = await staff.ok('exportJob', { params: { id: started.id } })
      seen.push(job)
      if (job.status !== 'done' && job.status !== 'failed') throw new Error(`still ${job.status}`)
      return job
    },
    { timeout: 20_000, interval: 100 },
  )
  return { started, done, seen }
}

/** Downloads the file through its link and reads it back with the library that wrote it. */
async function sheetOf(job: Job) {
  expect(job.downloadUrl).toBeTruthy()
  const response = await fetch(job.downloadUrl!)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(job.fileName)}`)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await response.arrayBuffer())
  const sheet = workbook.worksheets[0]!
  const rows: ExcelJS.CellValue[][] = []
  sheet.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)))
  return { name: sheet.name, header: rows[0], rows: rows.slice(1) }
}

describe('exports', () => {
  test('a local association exports its 年检结果, 会员学时 and pending list as .xlsx', async ({ aMember, aLocalStaff }) => {
    const staff = await aLocalStaff('AH')
    const passed = await aMember(ready('AH'))
    const pending = await aMember(ready('AH'))
    const absent = await aMember({ association: 'AH', hours: 20 })
    // Practising CPAs take no 年检 here; members of other associations are not this association's.
    await aMember({ association: 'AH', userType: 'cpa' })
    await aMember(ready('BJ'))
    await applyAndMaybePass(passed, staff, true)
    await applyAndMaybePass(pending, staff, false)
    const year = inspectionYear()

    const results = await exported(staff, { kind: 'inspection_results', year })
    expect(results.started).toMatchObject({ status: 'queued', processed: 0, label: '年检结果', association: { code: 'AH', name: '安徽省注册会计师协会' } })
    expect(results.done).toMatchObject({
      status: 'done',
      processed: 3,
      total: 3,
      fileName: expect.stringMatching(/^安徽省注册会计师协会_\d{4}年度年检结果_\d{8}-\d{4}\.xlsx$/),
    })
    // Progress only ever moves forward, up to the total.
    const processed = results.seen.map((job) => job.processed)
    expect(processed).toEqual([...processed].sort((a, b) => a - b))
    const inspections = await sheetOf(results.done)
    expect(inspections.name).toBe('年检结果')
    expect(inspections.header).toEqual(['会员编号', '姓名', '工作单位', '年检年度', '申请类型', '年检结果', '提交时间', '审核时间', '退回原因'])
    expect(inspections.rows.map((row) => [row[0], row[1], row[3], row[4], row[5]])).toEqual([
      [passed.member.memberNo, passed.member.name, year, '年检申请', '年检通过'],
      [pending.member.memberNo, pending.member.name, year, '年检申请', '地方注协审核中'],
      [absent.member.memberNo, absent.member.name, year, undefined, '未申请'],
    ])
    expect(JSON.stringify(inspections.rows)).not.toContain(passed.member.idNumber)

    const hours = await sheetOf((await exported(staff, { kind: 'member_hours', year })).done)
    expect(hours.header).toEqual(['会员编号', '姓名', '工作单位', '年度', '已完成学时', '是否达标'])
    expect(hours.rows.map((row) => [row[0], row[4], row[5]])).toEqual([
      [passed.member.memberNo, 40, '达标'],
      [pending.member.memberNo, 40, '达标'],
      [absent.member.memberNo, 20, '未达标'],
    ])

    const waiting = await exported(staff, { kind: 'pending' })
    expect(waiting.done).toMatchObject({ status: 'done', processed: 1, total: 1 })
    const list = await sheetOf(waiting.done)
    expect(list.header).toEqual(['事项类型', '姓名', '会员编号/业务编号', '摘要', '年度', '状态', '提交时间'])
    expect(list.rows).toEqual([
      ['年检申请', pending.member.name, pending.member.memberNo, expect.stringContaining('年检申请'), year, '首次提交', expect.any(String)],
    ])

    const recent = await staff.ok('exports')
    expect(recent.items.map((job) => job.label)).toEqual(['待审批清单', '会员学时', '年检结果'])
  })

  test('CICPA exports every association at once, with the association in a column', async ({ aMember, aCicpaStaff }) => {
    const qinghai = await aMember(ready('QH'))
    const tibet = await aMember(ready('XZ'))
    const cicpa = await aCicpaStaff()
    const { done } = await exported(cicpa, { kind: 'inspection_results', year: inspectionYear(), associationCode: 'all' })
    expect(done).toMatchObject({ status: 'done', association: { code: 'all', name: '全部地方注协' } })
    const sheet = await sheetOf(done)
    expect(sheet.header?.slice(0, 2)).toEqual(['地方注协', '会员编号'])
    expect(sheet.rows).toHaveLength(done.total!)
    expect(sheet.rows).toContainEqual(expect.arrayContaining(['青海省注册会计师协会', qinghai.member.memberNo, '未申请']))
    expect(sheet.rows).toContainEqual(expect.arrayContaining(['西藏注册会计师协会', tibet.member.memberNo, '未申请']))
  })

  test('a job and its link are its owner’s alone; bad requests are refused in Chinese and start nothing', async ({ aLocalStaff, aCicpaStaff }) => {
    const owner = await aLocalStaff('GS')
    const cicpa = await aCicpaStaff()
    const { started } = await exported(owner, { kind: 'pending' })
    for (const other of [await aLocalStaff('GS'), await aLocalStaff('BJ'), cicpa]) {
      expect(await other.refused('exportJob', { params: { id: started.id } })).toEqual({ status: 404, body: { code: 'NOT_FOUND', message: '导出任务不存在' } })
      expect((await other.ok('exports')).items).toEqual([])
    }

    expect(await owner.refused('startExport', { body: { kind: 'pending', associationCode: 'BJ' } })).toMatchObject({
      status: 403,
      body: { message: '只能导出本协会的数据' },
    })
    expect(await owner.refused('startExport', { body: { kind: 'member_hours' } })).toMatchObject({ status: 400, body: { fieldErrors: { year: '请选择年度' } } })
    const unknownKind = await owner.refused('startExport', { body: { kind: 'everything' } as never })
    expect(unknownKind.status).toBe(400)
    expect(unknownKind.body.fieldErrors?.kind).toContain('导出内容')
    expect(await cicpa.refused('startExport', { body: { kind: 'pending' } })).toMatchObject({
      status: 400,
      body: { fieldErrors: { associationCode: '请选择地方注协' } },
    })
    expect(await cicpa.refused('startExport', { body: { kind: 'pending', associationCode: 'XX' } })).toMatchObject({
      status: 400,
      body: { fieldErrors: { associationCode: '地方注协不存在' } },
    })
    expect((await owner.ok('exports')).items.map((job) => job.id)).toEqual([started.id])
    expect((await cicpa.ok('exports')).items).toEqual([])
  })
})
