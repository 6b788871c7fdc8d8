import { describe, expect, it } from 'vitest'
import { learningYearAt } from '../../shared/calendar'
import { exemptionMonths, monthRangeText, sharedExemptionMonths, unionExemptionHours } from '../../shared/education'
import { exemptedInYear, hoursStanding, type HoursRecord } from '../../shared/hours'

// Any year works; the current one keeps the dates realistic whenever the suite runs.
const year = learningYearAt(new Date())
const last = year - 1
const day = (y: number, monthDay: string) => `${y}-${monthDay}`
const claim = (from: string, to: string, claimYear = year) => ({ from, to, year: claimYear })
const exemption = (from: string, to: string, hours: number, recordYear = year): HoursRecord => ({
  year: recordYear,
  source: 'exemption',
  hours,
  period: { from, to },
})

describe('exemption months', () => {
  it('are the months of the claim’s year its period touches, a started month in full', () => {
    expect(exemptionMonths({ from: day(year, '03-15'), to: day(year, '05-02') }, year)).toEqual([day(year, '03'), day(year, '04'), day(year, '05')])
  })

  it('split a period across New Year by the year claimed', () => {
    const period = { from: day(last, '11-10'), to: day(year, '02-20') }
    expect(exemptionMonths(period, last)).toEqual([day(last, '11'), day(last, '12')])
    expect(exemptionMonths(period, year)).toEqual([day(year, '01'), day(year, '02')])
    expect(exemptionMonths(period, year + 1)).toEqual([])
  })
})

describe('overlapping exemptions', () => {
  it('share the months both would reduce', () => {
    expect(sharedExemptionMonths(claim(day(year, '01-01'), day(year, '06-30')), claim(day(year, '05-01'), day(year, '08-31')))).toEqual([
      day(year, '05'),
      day(year, '06'),
    ])
    expect(sharedExemptionMonths(claim(day(year, '01-01'), day(year, '12-31')), claim(day(year, '07-01'), day(year, '07-31')))).toEqual([day(year, '07')])
  })

  it('overlap in a month even when their days do not, since each would reduce that whole month', () => {
    expect(sharedExemptionMonths(claim(day(year, '03-01'), day(year, '03-10')), claim(day(year, '03-20'), day(year, '04-30')))).toEqual([day(year, '03')])
  })

  it('do not overlap when adjacent at a month boundary', () => {
    expect(sharedExemptionMonths(claim(day(year, '01-01'), day(year, '06-30')), claim(day(year, '07-01'), day(year, '12-31')))).toEqual([])
  })

  it('across New Year: only months of the same claimed year collide', () => {
    const lastYearsPart = claim(day(last, '10-01'), day(year, '03-31'), last)
    const thisYearsPart = claim(day(last, '10-01'), day(year, '03-31'), year)
    expect(sharedExemptionMonths(lastYearsPart, thisYearsPart)).toEqual([])
    expect(sharedExemptionMonths(thisYearsPart, claim(day(year, '03-01'), day(year, '04-30')))).toEqual([day(year, '03')])
    expect(sharedExemptionMonths(lastYearsPart, claim(day(last, '12-01'), day(last, '12-31'), last))).toEqual([day(last, '12')])
  })

  it('are named as a person reads them', () => {
    expect(monthRangeText([day(year, '05')])).toBe(`${year}年5月`)
    expect(monthRangeText([day(year, '05'), day(year, '06'), day(year, '07')])).toBe(`${year}年5月至7月`)
  })
})

describe('union of approved exemptions', () => {
  it('counts a month covered twice once', () => {
    const firstHalf = { from: day(year, '01-01'), to: day(year, '06-30') }
    expect(unionExemptionHours([firstHalf, firstHalf], year, 40)).toBe(20)
    expect(unionExemptionHours([firstHalf, { from: day(year, '04-01'), to: day(year, '09-30') }], year, 40)).toBe(30)
  })

  it('rounds the union up, not each exemption', () => {
    // Alone, each month is 3.3 → 4 hours; together two twelfths of 40 are 6.7 → 7, not 8.
    expect(
      unionExemptionHours(
        [
          { from: day(year, '01-01'), to: day(year, '01-31') },
          { from: day(year, '03-01'), to: day(year, '03-31') },
        ],
        year,
        40,
      ),
    ).toBe(7)
  })

  it('takes each year’s share of periods across New Year', () => {
    const periods = [
      { from: day(last, '10-01'), to: day(year, '03-31') },
      { from: day(year, '02-01'), to: day(year, '04-30') },
    ]
    expect(unionExemptionHours(periods, last, 40)).toBe(10)
    expect(unionExemptionHours(periods, year, 40)).toBe(14)
  })

  it('lowers the requirement in hoursStanding even when approved rows overlap', () => {
    const records: HoursRecord[] = [
      exemption(day(year, '01-01'), day(year, '06-30'), 20),
      exemption(day(year, '03-01'), day(year, '06-30'), 14),
      { year, source: 'online', hours: 6 },
      exemption(day(last, '01-01'), day(last, '12-31'), 40, last),
    ]
    expect(exemptedInYear(records, year)).toBe(20)
    expect(hoursStanding(records, year)).toEqual({ required: 20, done: 6, missing: 14 })
    expect(hoursStanding(records, last)).toEqual({ required: 0, done: 0, missing: 0 })
  })

  it('adds rows that carry only hours, never past the requirement', () => {
    const records: HoursRecord[] = [exemption(day(year, '01-01'), day(year, '09-30'), 30), { year, source: 'exemption', hours: 16 }]
    expect(exemptedInYear(records, year)).toBe(40)
    expect(hoursStanding(records, year).required).toBe(0)
  })
})
