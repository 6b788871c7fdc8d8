import { deferred } from '../../shared/deferred'
import { GetCommand } from './dynamo-client'
import * as z from 'zod'
import { GoodStandingApplication } from '../../shared/api/credential-schemas'
import { CICPA_CODE } from '../../shared/associations'
import { chinaYear } from '../../shared/china-time'
import { config } from '../config'
import { memberNoOfGoodStanding, type GoodStandingStore, type StoredGoodStanding } from '../ports/good-standing'
import { StaleWrite } from '../ports/outcomes'
import { dynamo, keys, memberItems, newItemPut, transactNamed } from './dynamo'
import { decidePending, waitingFor } from './pending'
import { listTrail, trailPut } from './trail'

const applicationKey = (id: string) => keys.goodStanding(memberNoOfGoodStanding(id), id)

/** Items written before decisions were recorded carry no decidedAt/returnReason: they read as undecided. */
const storedGoodStanding = deferred(() =>
  GoodStandingApplication.extend({
    decidedAt: z.string().nullable().default(null),
    returnReason: z.string().nullable().default(null),
    version: z.number(),
  }),
)

const parsed = (item: Record<string, unknown>): StoredGoodStanding => storedGoodStanding.parse(item)

/** An application in CICPA's lists, pending and handled: the year is that of its submission. */
const listedAs = (application: Pick<StoredGoodStanding, 'id' | 'memberNo' | 'memberName' | 'submittedAt'>, inbox: { title: string; subtitle: string }) => ({
  id: application.id,
  ...inbox,
  number: application.memberNo,
  name: application.memberName,
  year: chinaYear(new Date(application.submittedAt)),
})

export const dynamoGoodStanding: GoodStandingStore = {
  async create(application, inbox, trail) {
    const failed = await transactNamed([
      ['open', newItemPut({ ...keys.goodStandingOpen(application.memberNo), applicationId: application.id })],
      [
        'application',
        newItemPut({
          ...applicationKey(application.id),
          entity: 'good_standing',
          ...application,
          version: 1,
          ...waitingFor(CICPA_CODE, 'good_standing', { ...listedAs(application, inbox), submittedAt: application.submittedAt, state: 'new' }),
        }),
      ],
      ['trail', trailPut(keys.goodStandingTrail(application.id), trail)],
    ])
    if (failed.includes('open')) return 'open-already'
    if (failed.length) throw new StaleWrite(`good-standing create: ${failed.join(', ')}`)
    return 'created'
  },

  async get(id) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: applicationKey(id), ConsistentRead: true }))
    return Item ? parsed(Item) : undefined
  },

  trail(id) {
    return listTrail(keys.goodStandingTrail(id))
  },

  async ofMember(memberNo) {
    return (await memberItems(memberNo, keys.goodStandingPrefix)).map(parsed)
  },

  async decide(current, decided, trail, { inbox, decidedBy }) {
    const handled = {
      scopeCode: CICPA_CODE,
      kind: 'good_standing' as const,
      ...listedAs(current, inbox),
      decision: decided.status === 'approved' ? ('approved' as const) : ('returned' as const),
      decidedBy,
    }
    const failed = await transactNamed([
      [
        'application',
        decidePending(applicationKey(current.id), current.version, {
          status: decided.status,
          decidedAt: decided.decidedAt,
          returnReason: decided.returnReason,
        }),
      ],
      ['open', { Delete: { TableName: config.tableName, Key: keys.goodStandingOpen(current.memberNo) } }],
      ['trail', trailPut(keys.goodStandingTrail(current.id), trail, handled)],
    ])
    if (failed.length) throw new StaleWrite(`good-standing decide: ${failed.join(', ')}`)
  },
}
