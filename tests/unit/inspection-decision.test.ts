import { describe, expect, it } from 'vitest'
import type { Caller } from '../../functions/auth/tokens'
import type { InspectionRecord, InspectionStore } from '../../functions/ports/inspections'
import { StaleWrite } from '../../functions/ports/outcomes'
import { AppError } from '../../functions/usecases/errors'
import { decideApplication, type InspectionDeps } from '../../functions/usecases/inspection'

const staff: Caller = {
  accountId: 'staff#zj',
  username: 'zj-staff',
  displayName: '浙江审核员',
  userType: 'staff',
  role: 'local_staff',
  associationCode: 'ZJ',
  mustChangePassword: false,
  tokenVersion: 0,
}

const now = new Date()
const year = now.getUTCFullYear() - 1

const pending: InspectionRecord = {
  id: `310000120005-${year}`,
  memberNo: '310000120005',
  year,
  kind: 'inspection',
  status: 'pending',
  version: 3,
  associationCode: 'ZJ',
  memberName: '张三',
  submittedAt: now.toISOString(),
  files: [],
  deferralFiles: [],
}

/** Only what a decision touches before it answers; anything else it calls fails the test. */
function depsWith(decide: InspectionStore['decide']) {
  const decisions: Parameters<InspectionStore['decide']>[] = []
  const inspections = {
    get: async () => pending,
    decide: async (...args: Parameters<InspectionStore['decide']>) => {
      decisions.push(args)
      return decide(...args)
    },
  } as Partial<InspectionStore> as InspectionStore
  const deps = { inspections, clock: { now: () => now } } as Partial<InspectionDeps> as InspectionDeps
  return { deps, decisions }
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

describe('a staff decision on an inspection', () => {
  it('that loses the write to another decision is a worded 409', async () => {
    const { deps, decisions } = depsWith(async () => {
      throw new StaleWrite()
    })
    const error = await refusal(decideApplication(deps, staff, pending.id, { decision: 'pass', opinion: '', version: pending.version }))
    expect(error).toMatchObject({ code: 'CONFLICT', message: '该记录已被他人修改，请刷新后重试' })
    expect(decisions).toHaveLength(1)
    expect(decisions[0]![0]).toBe(pending)
    expect(decisions[0]![1]).toEqual({ status: 'passed', returnReason: undefined })
  })

  it('on a version other than the one stored is refused before anything is written', async () => {
    const { deps, decisions } = depsWith(async () => undefined)
    const error = await refusal(decideApplication(deps, staff, pending.id, { decision: 'return', opinion: '材料不全', version: pending.version - 1 }))
    expect(error).toMatchObject({ code: 'CONFLICT', message: '申请人已重新提交，请刷新后重新审核' })
    expect(decisions).toHaveLength(0)
  })
})
