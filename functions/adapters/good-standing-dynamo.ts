import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import type { GoodStandingApplication } from '../../shared/api/credential-schemas'
import type { TrailEntry } from '../../shared/api/schemas'
import { CICPA_CODE } from '../../shared/associations'
import { config } from '../config'
import { AppError } from '../http/errors'
import { dynamo, keys, memberItems, newItemPut, orConflict } from './dynamo'
import { STOP_WAITING, waitingFor, withoutStorageFields } from './pending'
import { trailPut } from './trail'

/** A member's certificate applications live under the member; the id names the member too. */
const applicationKey = (id: string) => ({ PK: keys.member(memberNoOf(id)).PK, SK: `GOODSTANDING#${id}` })
/** Present while one application waits: a member has at most one open application. */
const openMarker = (memberNo: string) => ({ PK: keys.member(memberNo).PK, SK: 'GOODSTANDING_OPEN' })
export const goodStandingTrail = (id: string) => `GOODSTANDING#${id}`

export function memberNoOf(id: string): string {
  return id.split('-')[1] ?? ''
}

type Stored = GoodStandingApplication & { version: number }

function toApplication(item: Record<string, unknown>): Stored {
  return { decidedAt: null, returnReason: null, ...withoutStorageFields(item) } as Stored
}

export async function createApplication(application: GoodStandingApplication, trail: TrailEntry) {
  await orConflict(
    () =>
      dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            newItemPut({ ...openMarker(application.memberNo), applicationId: application.id }),
            newItemPut({
              ...applicationKey(application.id),
              entity: 'good_standing',
              ...application,
              version: 1,
              ...waitingFor(CICPA_CODE, 'good_standing', { id: application.id, title: application.memberName, subtitle: `${application.englishName} · ${application.association}`, submittedAt: application.submittedAt }),
            }),
            trailPut(goodStandingTrail(application.id), trail),
          ],
        }),
      ),
    '您已有一份审批中的良好存续证明申请，请等待中注协审批',
  )
}

export async function getApplication(id: string): Promise<Stored | undefined> {
  const result = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: applicationKey(id), ConsistentRead: true }))
  return result.Item ? toApplication(result.Item) : undefined
}

export async function listApplications(memberNo: string): Promise<Stored[]> {
  return (await memberItems(memberNo, 'GOODSTANDING#')).map(toApplication)
}

/** Decides a pending application once: a second decision (or a concurrent one) gets 409. */
export async function decideApplication(current: Stored, decided: GoodStandingApplication, trail: TrailEntry) {
  return orConflict(async () => {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: config.tableName,
              Key: applicationKey(current.id),
              UpdateExpression: `SET #status = :status, decidedAt = :decidedAt, returnReason = :reason, #version = #version + :one ${STOP_WAITING}`,
              ConditionExpression: '#status = :pending AND #version = :version',
              ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
              ExpressionAttributeValues: {
                ':status': decided.status,
                ':decidedAt': decided.decidedAt,
                ':reason': decided.returnReason,
                ':pending': 'pending',
                ':version': current.version,
                ':one': 1,
              },
            },
          },
          { Delete: { TableName: config.tableName, Key: openMarker(current.memberNo) } },
          trailPut(goodStandingTrail(current.id), trail),
        ],
      }),
    )
  })
}
