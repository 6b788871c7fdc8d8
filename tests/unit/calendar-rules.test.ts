import { describe, expect, it } from 'vitest'
import {
  defaultInspectionWindow,
  inspectionYearAt,
  learningYearAt,
  settableWindowYears,
  windowBlocker,
  windowProblems,
  windowState,
} from '../../shared/calendar'
import { chinaDate, formatChinaDate, formatChinaTime } from '../../shared/china-time'
import { cumulativeStanding, owedYears, type HoursRecord } from '../../shared/hours'
import { applyBlockers, deferralBlockers, notDueBlocker } from '../../shared/inspection'
import { eligibilityProblems, formatBusinessNo, memberNoPrefix } from '../../shared/admission'

const at = (chinaTime: string) => new Date(`${chinaTime}+08:00`)

describe('年检年度 is the previous calendar year, in China time', () => {
  it('turns at midnight in Beijing, not in UTC', () => {
    expect(inspectionYearAt(at('2026-12-31T23:59:59'))).toBe(2025)
    expect(inspectionYearAt(at('2027-01-01T00:00:00'))).toBe(2026)
    // 2026-12-31 16:30 UTC is already 2027-01-01 00:30 in Beijing.
    expect(inspectionYearAt(new Date('2026-12-31T16:30:00Z'))).toBe(2026)
    expect(inspectionYearAt(new Date('2026-12-31T15:59:59Z'))).toBe(2025)
  })

  it('keeps continuing education in the calendar year the hours are earned', () => {
    expect(learningYearAt(at('2026-12-31T23:59:59'))).toBe(2026)
    expect(learningYearAt(at('2027-01-01T00:00:00'))).toBe(2027)
    expect(learningYearAt(at('2028-02-29T12:00:00'))).toBe(2028)
  })
})

describe('the years one 年检 answers for', () => {
  it('first inspection: every year after the year of joining', () => {
    expect(owedYears({ inspectionYear: 2026, lastInspectionYear: null, joinYear: 2025 })).toEqual([2026])
    expect(owedYears({ inspectionYear: 2026, lastInspectionYear: null, joinYear: 2023 })).toEqual([2024, 2025, 2026])
  })

  it('nothing is due in the year of joining, and the screen says from when', () => {
    const years = owedYears({ inspectionYear: 2026, lastInspectionYear: null, joinYear: 2026 })
    expect(years).toEqual([])
    expect(notDueBlocker(years, 2026)).toBe('您于2026年入会，入会当年度无需年检，自2027年度起参加年检')
    expect(notDueBlocker([], 2027)).toBe('您于2027年入会，入会当年度无需年检，自2028年度起参加年检')
    expect(notDueBlocker([2026], 2025)).toBeNull()
  })

  it('gap years: a member who last passed 2024 and applies for 2026 owes 2025 and 2026', () => {
    expect(owedYears({ inspectionYear: 2026, lastInspectionYear: 2024, joinYear: 2019 })).toEqual([2025, 2026])
  })

  it('a deferred year stays owed: the last pass decides, not the deferral', () => {
    // 2025 deferred (passed deferral), last inspection passed 2024: 2026 answers for 2025 and 2026.
    expect(owedYears({ inspectionYear: 2026, lastInspectionYear: 2024, joinYear: 2020 })).toEqual([2025, 2026])
  })
})

describe('累计应完成 / 累计已完成学时', () => {
  const rows = (...entries: [number, HoursRecord['source'], number][]): HoursRecord[] => entries.map(([year, source, hours]) => ({ year, source, hours }))

  it('adds 40 a year over the owed years and counts every year’s hours', () => {
    expect(cumulativeStanding(rows([2025, 'online', 40], [2026, 'online', 20]), [2025, 2026])).toEqual({ required: 80, done: 60, missing: 20 })
  })

  it('reads the seed’s row: 40 owed, 80 done is met', () => {
    expect(cumulativeStanding(rows([2026, 'online', 50], [2026, 'output', 30]), [2026])).toEqual({ required: 40, done: 80, missing: 0 })
  })

  it('lowers each year by that year’s exemptions only, never below zero', () => {
    const records = rows([2025, 'exemption', 20], [2026, 'exemption', 50], [2026, 'online', 10], [2024, 'online', 40])
    expect(cumulativeStanding(records, [2025, 2026])).toEqual({ required: 20, done: 10, missing: 10 })
  })

  it('ignores hours of years outside the inspection', () => {
    expect(cumulativeStanding(rows([2024, 'online', 40], [2027, 'online', 40]), [2026])).toEqual({ required: 40, done: 0, missing: 40 })
  })

  it('owes nothing when nothing is due', () => {
    expect(cumulativeStanding(rows([2026, 'online', 5]), [])).toEqual({ required: 0, done: 0, missing: 0 })
  })
})

describe('an association’s application window', () => {
  const window = { opensOn: '2027-03-01', closesOn: '2027-06-30' }

  it('defaults to the whole following year', () => {
    expect(defaultInspectionWindow(2026)).toEqual({ opensOn: '2027-01-01', closesOn: '2027-12-31' })
    expect(windowState(defaultInspectionWindow(2026), at('2027-01-01T00:00:00'))).toBe('open')
    expect(windowState(defaultInspectionWindow(2026), at('2027-12-31T23:59:59'))).toBe('open')
    expect(windowState(defaultInspectionWindow(2026), at('2026-12-31T23:59:59'))).toBe('not_yet')
  })

  it('includes both days, in China time', () => {
    expect(windowState(window, at('2027-02-28T23:59:59'))).toBe('not_yet')
    expect(windowState(window, at('2027-03-01T00:00:00'))).toBe('open')
    expect(windowState(window, at('2027-06-30T23:59:59'))).toBe('open')
    expect(windowState(window, at('2027-07-01T00:00:00'))).toBe('closed')
    // 2027-06-30 16:30 UTC is 07-01 00:30 in Beijing: closed.
    expect(windowState(window, new Date('2027-06-30T16:30:00Z'))).toBe('closed')
  })

  it('says when it opens or that it closed, and blocks both kinds of application', () => {
    expect(windowBlocker(2026, window, at('2027-02-01T09:00:00'))).toBe('2026年度年检申请将于2027-03-01开始，届时再来申请')
    expect(windowBlocker(2026, window, at('2027-07-02T09:00:00'))).toBe('2026年度年检申请已于2027-06-30截止，如需办理请联系所属地方注协')
    expect(windowBlocker(2026, window, at('2027-04-02T09:00:00'))).toBeNull()
    const closed = windowBlocker(2026, window, at('2027-07-02T09:00:00'))
    const hours = { required: 40, done: 40, missing: 0 }
    expect(applyBlockers({ hours, fee: '免会费', infoComplete: true, calendar: closed })).toEqual([closed])
    expect(deferralBlockers(undefined, closed)).toEqual([closed])
  })

  it('refuses a window that opens before its year ended or closes before it opens', () => {
    expect(windowProblems(2026, { opensOn: '2026-12-31', closesOn: '2027-06-30' })).toEqual({ opensOn: '2026年度年检最早于2027-01-01开始' })
    expect(windowProblems(2026, { opensOn: '2027-03-01', closesOn: '2027-02-28' })).toEqual({ closesOn: '截止日期不能早于开始日期' })
    expect(windowProblems(2026, window)).toEqual({})
  })

  it('can be set for the year members apply for now and the next', () => {
    expect(settableWindowYears(at('2026-11-30T16:25:00'))).toEqual([2025, 2026])
    expect(settableWindowYears(at('2027-01-01T00:00:00'))).toEqual([2026, 2027])
  })
})

describe('China time everywhere a date matters', () => {
  it('shows every time one way, whatever the time zone it was stored in', () => {
    expect(formatChinaTime('2026-11-30T08:25:42.123Z')).toBe('2026-11-30 16:25')
    expect(formatChinaTime('2026-11-30T16:25:42+08:00')).toBe('2026-11-30 16:25')
    expect(formatChinaTime('2026-12-31T16:00:00.000Z')).toBe('2027-01-01 00:00')
    expect(formatChinaDate('2026-12-31T15:59:59.000Z')).toBe('2026-12-31')
    expect(formatChinaTime(null)).toBe('—')
    expect(formatChinaTime('not a time')).toBe('—')
  })

  it('takes the day in Beijing for the 5-year eligibility, 业务编号 and member numbers', () => {
    // 2021-11-27 00:30 in Beijing is still 2021-11-26 in UTC: the day that counts is Beijing's.
    const justAfterMidnight = new Date('2026-11-26T16:30:00Z')
    const today = chinaDate(justAfterMidnight)
    expect(today).toBe('2026-11-27')
    expect(eligibilityProblems({ certificateDate: '2021-11-27', formerPractising: false }, today)).toEqual({})
    expect(eligibilityProblems({ certificateDate: '2021-11-26', formerPractising: false }, today).certificateDate).toContain('2021-11-27之后')
    expect(formatBusinessNo(justAfterMidnight, '123456')).toBe('RH20261127123456')
    expect(memberNoPrefix('ZJ', new Date('2026-12-31T16:30:00Z'))).toBe('33000027')
  })

  it('counts 29 February like any other day', () => {
    expect(chinaDate(at('2028-02-29T23:59:59'))).toBe('2028-02-29')
    expect(inspectionYearAt(at('2028-02-29T12:00:00'))).toBe(2027)
    expect(windowState(defaultInspectionWindow(2027), at('2028-02-29T12:00:00'))).toBe('open')
  })
})
