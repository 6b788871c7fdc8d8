import { GetCommand } from '../../functions/adapters/dynamo-client'
import { describe, expect } from 'vitest'
import { clock } from '../../functions/adapters/clock'
import { dynamo, keys } from '../../functions/adapters/dynamo'
import { dynamoFigures, recountFigures } from '../../functions/adapters/figures'
import { config } from '../../functions/config'
import { loadVolume } from '../../functions/local/volume'
import { inspectionYear } from '../support/calendar'
import { test } from '../support/fixtures'

const year = inspectionYear()
const item = async (key: { PK: string; SK: string }) => (await dynamo().send(new GetCommand({ TableName: config.tableName, Key: key }))).Item!

describe('npm run load:volume', () => {
  test('loads members and pending items the inbox, search and figures read like the application’s own', async ({ aMember, aLocalStaff }) => {
    // A member who applies through the API, to hold the loaded items against.
    const applicant = await aMember({ hours: 40, fee: '已确认', info: true, association: 'HN' })
    await applicant.ok('submitInspection', { body: { year, commitmentAccepted: true } })
    const report = await loadVolume({ associationCode: 'HN', members: 200, pending: 50, now: clock.now() })
    expect(report.pending).toEqual({ inspection: 32, resubmitted: 3, deferral: 8, fee_confirmation: 7 })

    const staff = await aLocalStaff('HN')
    const counts = Object.fromEntries((await staff.ok('inbox')).categories.map((category) => [category.kind, category.pending]))
    expect(counts).toMatchObject({ inspection: 32 + 3 + 1, deferral: 8, fee_confirmation: 7 })
    expect((await staff.ok('inboxCount', { params: { kind: 'inspection' }, query: { state: 'resubmitted' } })).count).toBe(3)
    const [oldest] = (await staff.ok('inboxItems', { params: { kind: 'inspection' }, query: { limit: 1 } })).items
    const found = await staff.ok('inboxItems', { params: { kind: 'inspection' }, query: { q: oldest!.title } })
    expect(found.items.map((hit) => hit.id)).toContain(oldest!.id)
    expect((await staff.ok('handled', { query: { year, decision: 'returned' } })).items).toHaveLength(3)

    // A loaded item has exactly the attributes of one submitted through the application.
    const loaded = item(keys.inspection(oldest!.number, year))
    const submitted = item(keys.inspection(applicant.member.memberNo, year))
    expect(Object.keys(await loaded).sort()).toEqual(Object.keys(await submitted).sort())

    const [counters] = await dynamoFigures.read(['HN'], year)
    expect(counters).toEqual(await recountFigures('HN', year))
    await expect(loadVolume({ associationCode: 'HN', members: 200, pending: 50, now: clock.now() })).rejects.toThrow(/不再重复写入/)
  })
})
