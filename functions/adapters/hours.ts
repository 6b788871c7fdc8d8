import { HOURS_SOURCES, type HoursRecord } from '../../shared/hours'
import { config } from '../config'
import { keys, newItemPut, queryAll } from './dynamo'

/** Every reader keeps an exemption's period: a year's requirement goes down by the union of the periods, not by the rows' hours. */
function hoursRecord(item: Record<string, any>): HoursRecord {
  return {
    year: Number(item.year),
    source: item.source,
    hours: Number(item.hours),
    ...(item.period ? { period: { from: String(item.period.from), to: String(item.period.to) } } : {}),
  }
}

/** A credited-hours row as 学时查询 lists it. */
export interface HoursRow extends HoursRecord {
  id: string
  title: string
  detail: string
  at: string
}

/**
 * A member's credited hours of one year: every `HOURS#<year>#…` row under the member, whatever
 * wrote it (evaluated online lessons, approved output-based hours, approved exemptions, imports).
 */
export async function readHoursRows(memberNo: string, year: number): Promise<HoursRow[]> {
  const items = await queryAll({
    TableName: config.tableName,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.member(memberNo).PK, ':prefix': keys.hoursPrefix(year) },
  })
  return items
    .filter((item) => HOURS_SOURCES.includes(item.source))
    .map((item) => ({
      id: String(item.SK).slice(keys.hoursPrefix(year).length),
      ...hoursRecord(item),
      title: String(item.title ?? ''),
      detail: String(item.detail ?? ''),
      at: String(item.at ?? ''),
    }))
}

/** The member's credited hours of the given years, in one query over every `HOURS#` row. */
export async function readHoursOfYears(memberNo: string, years: readonly number[]): Promise<HoursRecord[]> {
  if (years.length === 0) return []
  const items = await queryAll({
    TableName: config.tableName,
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': keys.member(memberNo).PK,
      ':from': keys.hoursPrefix(Math.min(...years)),
      ':to': `${keys.hoursPrefix(Math.max(...years))}\uffff`,
    },
  })
  return items
    .filter((item) => HOURS_SOURCES.includes(item.source) && years.includes(Number(item.year)))
    .map(hoursRecord)
}

/** The item that credits hours, written in the same transaction as whatever earned them (once: a second put fails). */
export function hoursPut(memberNo: string, row: Omit<HoursRow, 'year'> & { year: number; category?: string }) {
  const { id, ...rest } = row
  return newItemPut({ PK: keys.member(memberNo).PK, SK: `${keys.hoursPrefix(row.year)}${id}`, entity: 'hours', ...rest })
}
