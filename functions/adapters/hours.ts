import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { hoursStanding, HOURS_SOURCES, type HoursRecord, type HoursStanding } from '../../shared/hours'
import { config } from '../config'
import { dynamo, keys } from './dynamo'

/**
 * A member's credited hours of one year: every `HOURS#<year>#…` row under the member, whatever
 * wrote it (online courses, approved output-based hours, approved exemptions).
 */
export async function readHoursRecords(memberNo: string, year: number): Promise<HoursRecord[]> {
  const result = await dynamo().send(
    new QueryCommand({
      TableName: config.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.member(memberNo).PK, ':prefix': keys.hoursPrefix(year) },
    }),
  )
  return (result.Items ?? [])
    .filter((item) => HOURS_SOURCES.includes(item.source))
    .map((item) => ({ year: Number(item.year), source: item.source, hours: Number(item.hours) }))
}

export async function memberHoursStanding(memberNo: string, year: number): Promise<HoursStanding> {
  return hoursStanding(await readHoursRecords(memberNo, year), year)
}
