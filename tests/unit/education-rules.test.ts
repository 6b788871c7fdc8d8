import { describe, expect, it } from 'vitest'
import {
  claimableYears,
  courseFinished,
  courseLockReason,
  creditOutputHours,
  electivesUnlocked,
  exemptionHours,
  lessonKey,
  monthsWithinYear,
  onlineHours,
  plausiblePosition,
  OUTPUT_CATEGORIES,
  outputCategory,
  outputRule,
  type CourseWithLessons,
  type LessonState,
} from '../../shared/education'
import { hoursStanding, type HoursRecord } from '../../shared/hours'

const courses: CourseWithLessons[] = [
  {
    courseId: 'R1',
    category: 'required',
    lessons: [
      { lessonId: 'a', hours: 2 },
      { lessonId: 'b', hours: 1.5 },
    ],
  },
  { courseId: 'R2', category: 'required', lessons: [{ lessonId: 'a', hours: 3 }] },
  { courseId: 'E1', category: 'elective', lessons: [{ lessonId: 'a', hours: 4 }] },
]
const states = (entries: [string, string, LessonState][]) => new Map(entries.map(([course, lesson, state]) => [lessonKey(course, lesson), state]))
const done: LessonState = { learned: true, evaluated: true }
const learnedOnly: LessonState = { learned: true, evaluated: false }

describe('required before elective', () => {
  it('keeps electives locked until every required course is learned and evaluated', () => {
    const partly = states([
      ['R1', 'a', done],
      ['R1', 'b', done],
      ['R2', 'a', learnedOnly],
    ])
    expect(courseFinished(courses[0]!, partly)).toBe(true)
    expect(courseFinished(courses[1]!, partly)).toBe(false)
    expect(electivesUnlocked(courses, partly)).toBe(false)
    expect(courseLockReason(courses[2]!, courses, partly)).toBe('请先学完全部必修课程并完成评价（已完成1/2门），再学习选修课程')
    expect(courseLockReason(courses[1]!, courses, partly)).toBeNull()
    const all = states([
      ['R1', 'a', done],
      ['R1', 'b', done],
      ['R2', 'a', done],
    ])
    expect(electivesUnlocked(courses, all)).toBe(true)
    expect(courseLockReason(courses[2]!, courses, all)).toBeNull()
  })

  it('leaves electives open when a catalogue has no required course', () => {
    expect(electivesUnlocked([courses[2]!], new Map())).toBe(true)
  })
})

describe('unevaluated lessons', () => {
  it('credit no hours; evaluated ones credit theirs, halves included', () => {
    expect(
      onlineHours(
        courses,
        states([
          ['R1', 'a', learnedOnly],
          ['R1', 'b', done],
        ]),
      ),
    ).toBe(1.5)
    expect(onlineHours(courses, states([['R1', 'a', { learned: false, evaluated: false }]]))).toBe(0)
    expect(
      onlineHours(
        courses,
        states([
          ['R1', 'a', done],
          ['R1', 'b', done],
          ['R2', 'a', done],
          ['E1', 'a', done],
        ]),
      ),
    ).toBe(10.5)
  })
})

describe('output-based hours and their yearly caps', () => {
  it('has a table with the regulation’s caps: mostly 24, some 16, 12, 8 and 4', () => {
    expect(new Set(OUTPUT_CATEGORIES.map((category) => category.yearlyCap))).toEqual(new Set([24, 16, 12, 8, 4]))
    expect(OUTPUT_CATEGORIES.filter((category) => category.yearlyCap === 24).length).toBeGreaterThan(OUTPUT_CATEGORIES.length / 2)
    expect(outputRule(outputCategory('exam'))).toBe('每科4学时，每年最多12学时')
  })

  it('credits quantity × rule while under the cap', () => {
    expect(creditOutputHours(outputCategory('article'), 2, 0)).toEqual({ requested: 16, credited: 16, capNote: null })
    expect(creditOutputHours(outputCategory('article'), 1, 16)).toEqual({ requested: 8, credited: 8, capNote: null })
  })

  it('credits only what is left of the cap and says why', () => {
    const partial = creditOutputHours(outputCategory('exam'), 2, 8)
    expect(partial).toMatchObject({ requested: 8, credited: 4 })
    expect(partial.capNote).toBe('“通过与执业相关的职业资格考试科目”每年最多认可12学时，本年度已认可8学时，本次申报8学时，认可4学时')
    expect(creditOutputHours(outputCategory('seminar'), 1, 4)).toMatchObject({ requested: 2, credited: 0 })
    expect(creditOutputHours(outputCategory('book'), 2, 0)).toMatchObject({ requested: 48, credited: 24 })
  })
})

describe('exemptions', () => {
  it('lower the requirement in proportion to the months covered, rounded up, at most the whole year', () => {
    expect(exemptionHours('2026-01-01', '2026-12-31', 2026, 40)).toBe(40)
    expect(exemptionHours('2026-01-01', '2026-06-30', 2026, 40)).toBe(20)
    expect(exemptionHours('2026-03-15', '2026-03-20', 2026, 40)).toBe(4)
    expect(exemptionHours('2024-01-01', '2030-12-31', 2026, 40)).toBe(40)
  })

  it('count only the months inside the year (a period across New Year splits)', () => {
    expect(monthsWithinYear('2025-10-01', '2026-03-31', 2025)).toBe(3)
    expect(monthsWithinYear('2025-10-01', '2026-03-31', 2026)).toBe(3)
    expect(monthsWithinYear('2025-10-01', '2025-12-31', 2026)).toBe(0)
  })

  it('reduce the required hours in hoursStanding, never below zero', () => {
    const records: HoursRecord[] = [
      { year: 2026, source: 'online', hours: 12 },
      { year: 2026, source: 'exemption', hours: 20 },
      { year: 2026, source: 'exemption', hours: 30 },
    ]
    expect(hoursStanding(records, 2026)).toEqual({ required: 0, done: 12, missing: 0 })
    expect(hoursStanding(records.slice(0, 2), 2026)).toEqual({ required: 20, done: 12, missing: 8 })
  })
})

describe('year boundaries', () => {
  it('count each record in its own year only', () => {
    const records: HoursRecord[] = [
      { year: 2025, source: 'online', hours: 30 },
      { year: 2025, source: 'output', hours: 10 },
      { year: 2026, source: 'online', hours: 6 },
      { year: 2025, source: 'exemption', hours: 40 },
    ]
    expect(hoursStanding(records, 2025)).toEqual({ required: 0, done: 40, missing: 0 })
    expect(hoursStanding(records, 2026)).toEqual({ required: 40, done: 6, missing: 34 })
  })

  it('accept claims for this year and last year only', () => {
    expect(claimableYears(2027)).toEqual([2027, 2026])
  })
})

describe('video progress', () => {
  const started = '2026-05-01T08:00:00.000Z'
  const after = (seconds: number) => new Date(Date.parse(started) + seconds * 1000)

  it('accepts positions reachable at up to double speed (with half a minute of slack)', () => {
    expect(plausiblePosition(25, null, after(0))).toBe(true)
    expect(plausiblePosition(600, started, after(300))).toBe(true)
    expect(plausiblePosition(630, started, after(300))).toBe(true)
  })

  it('refuses a skip further ahead than watching could have got', () => {
    expect(plausiblePosition(2700, null, after(0))).toBe(false)
    expect(plausiblePosition(631, started, after(300))).toBe(false)
  })
})
