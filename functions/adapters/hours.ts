import { deferred } from '../../shared/deferred'
import * as z from 'zod'
import { HOURS_SOURCES, type HoursRecord } from '../../shared/hours'
import { config } from '../config'
import type { HoursLedger, HoursRow } from '../ports/hours'
import { keys, newItemPut, queryAll } from './dynamo'

/**
 * Every reader keeps an exemption's period: a year's requirement goes down by the union of the
 * periods, not by the rows' hours. Rows of other sources (none today) are not hours the rules know.
 */
const storedHours = deferred(() =>
  z.object({
    year: z.coerce.number(),
    source: z.enum(HOURS_SOURCES),
    hours: z.coerce.number(),
    period: z.object({ from: z.string(), to: z.string() }).optional(),
  }),
)

const storedHoursRow = deferred(() =>
  storedHours.extend({
    SK: z.string(),
    title: z.string().default(''),
    detail: z.string().default(''),
    at: z.string().default(''),
  }),
)

function hoursRecords<T extends z.ZodType>(schema: T, items: readonly Record<string, unknown>[]): z.output<T>[] {
  return items.filter((item) => HOURS_SOURCES.some((source) => source === item.source)).map((item) => schema.parse(item))
}

/**
 * A member's credited hours of one year: every `HOURS#<year>#…` row under the member, whatever
 * wrote it (evaluated online lessons, approved output-based hours, approved exemptions, imports).
 */
async function rowsOfYear(memberNo: string, year: number): Promise<HoursRow[]> {
  const items = await queryAll({
    TableName: config.tableName,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.member(memberNo).PK, ':prefix': keys.hoursPrefix(year) },
  })
  return hoursRecords(storedHoursRow, items).map(({ SK, ...row }) => ({ id: SK.slice(keys.hoursPrefix(year).length), ...row }))
}

/** The member's credited hours of the given years, in one query over every `HOURS#` row. */
async function ofYears(memberNo: string, years: readonly number[]): Promise<HoursRecord[]> {
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
  return hoursRecords(storedHours, items).filter((record) => years.includes(record.year))
}

export const dynamoHoursLedger: HoursLedger = { rowsOfYear, ofYears }

/** The item that credits hours, written in the same transaction as whatever earned them (once: a second put fails). */
export function hoursPut(memberNo: string, row: HoursRow & { category?: string }) {
  const { id, ...rest } = row
  return newItemPut({ PK: keys.member(memberNo).PK, SK: `${keys.hoursPrefix(row.year)}${id}`, entity: 'hours', ...rest })
}
