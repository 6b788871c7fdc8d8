import { describe, expect, it } from 'vitest'
import type { ExportJobRecord, ExportJobs, ExportMember, SheetRow } from '../../functions/ports/exports'
import { runExport, type ExportWorkerDeps } from '../../functions/usecases/exports'

const MEMBERS = 2500

/** A worker over in-memory ports: what it records of progress, and the rows the file received. */
function worker(job: ExportJobRecord) {
  const progress: { processed: number; total?: number; rowsWritten: number }[] = []
  let rowsWritten = 0
  let current = { ...job }
  const jobs: ExportJobs = {
    create: async () => undefined,
    get: async () => current,
    recent: async () => [],
    async begin() {
      if (current.status !== 'queued') return false
      current = { ...current, status: 'running' }
      return true
    },
    async progress(_id, processed, total) {
      progress.push({ processed, total, rowsWritten })
    },
    async finish(_id, processed) {
      current = { ...current, status: 'done', processed }
    },
    async fail(_id, failure) {
      current = { ...current, status: 'failed', failure }
    },
  }
  const members = async function* () {
    for (let n = 0; n < MEMBERS; n++) yield { memberNo: String(330000260000 + n), name: `会员${n}` } satisfies ExportMember
  }
  const deps: ExportWorkerDeps = {
    jobs,
    sources: { members, inspections: async function* () {}, hours: async function* () {} },
    figures: { read: async (codes) => codes.map(() => ({ members: MEMBERS, applied: 0, passed: 0, returned: 0, deferred: 0, feePaid: 0, hoursMet: 0 })) },
    workbooks: {
      async write(_key, _fileName, sheet) {
        for await (const _row of sheet.rows as AsyncIterable<SheetRow>) rowsWritten += 1
      },
    },
    inbox: { count: async () => 0, list: async () => ({ items: [] }), handled: async () => ({ items: [] }) },
    log: { businessEvent: () => undefined },
    clock: { now: () => new Date('2027-03-01T02:00:00Z') },
  }
  return { deps, progress, state: () => current }
}

const aJob = (createdAt: string): ExportJobRecord => ({
  id: 'job-1',
  ownerAccountId: 'staff#zj_staff',
  kind: 'member_hours',
  year: 2026,
  associationCode: 'ZJ',
  status: 'queued',
  processed: 0,
  createdAt,
  fileName: '浙江省注册会计师协会_2026年度会员学时.xlsx',
  objectKey: 'exports/job-1.xlsx',
})

describe('an export worker', () => {
  it('says how many rows there will be, then reports progress as the rows stream, and runs a job once', async () => {
    const job = aJob('2027-03-01T01:59:00Z')
    const { deps, progress, state } = worker(job)
    await runExport(deps, job.id)
    expect(progress).toEqual([
      { processed: 0, total: MEMBERS, rowsWritten: 0 },
      { processed: 1000, total: undefined, rowsWritten: 1000 },
      { processed: 2000, total: undefined, rowsWritten: 2000 },
    ])
    expect(state()).toMatchObject({ status: 'done', processed: MEMBERS })
    await runExport(deps, job.id)
    expect(progress).toHaveLength(3)
  })

  it('does not start a job whose event came after its deadline: it fails, as the page already shows it', async () => {
    const { deps, progress, state } = worker(aJob('2027-03-01T01:20:00Z'))
    await runExport(deps, 'job-1')
    expect(progress).toEqual([])
    expect(state()).toMatchObject({ status: 'failed', failure: '生成超时，请重新导出' })
  })
})
