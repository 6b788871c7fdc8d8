/**
 * Continuing education (seed 004; domain.md "Continuing education"): which institute a member
 * learns with, when a lesson's hours count, and how output-based and exemption hours are credited.
 * The hours these rules credit are stored as records the one hours function (./hours.ts) sums.
 */

/** 在线学习: one of the three national accounting institutes, chosen per year. */
export const INSTITUTES = [
  { code: 'BNAI', name: '北京国家会计学院' },
  { code: 'SNAI', name: '上海国家会计学院' },
  { code: 'XNAI', name: '厦门国家会计学院' },
] as const
export const INSTITUTE_CODES = ['BNAI', 'SNAI', 'XNAI'] as const
export type InstituteCode = (typeof INSTITUTE_CODES)[number]

export function instituteName(code: InstituteCode): string {
  return INSTITUTES.find((institute) => institute.code === code)!.name
}

export const COURSE_CATEGORIES = ['required', 'elective'] as const
export type CourseCategory = (typeof COURSE_CATEGORIES)[number]
export const COURSE_CATEGORY_LABELS: Record<CourseCategory, string> = { required: '必修', elective: '选修' }

export interface LessonState {
  /** The player reached the end of the lesson. */
  learned: boolean
  /** 评价 given: only then do the lesson's hours count (seed 004). */
  evaluated: boolean
}

export interface CourseWithLessons {
  courseId: string
  category: CourseCategory
  lessons: readonly { lessonId: string; hours: number }[]
}

export type LessonStates = ReadonlyMap<string, LessonState>

export const lessonKey = (courseId: string, lessonId: string) => `${courseId}/${lessonId}`

export function lessonCredited(state: LessonState | undefined): boolean {
  return Boolean(state?.learned && state.evaluated)
}

/** A course is finished when every lesson was learned and evaluated, since unevaluated lessons do not count. */
export function courseFinished(course: CourseWithLessons, states: LessonStates): boolean {
  return course.lessons.length > 0 && course.lessons.every((lesson) => lessonCredited(states.get(lessonKey(course.courseId, lesson.lessonId))))
}

export function requiredProgress(courses: readonly CourseWithLessons[], states: LessonStates) {
  const required = courses.filter((course) => course.category === 'required')
  return { finished: required.filter((course) => courseFinished(course, states)).length, total: required.length }
}

/** 需先完成必修课程，才可以学习选修课程. */
export function electivesUnlocked(courses: readonly CourseWithLessons[], states: LessonStates): boolean {
  const { finished, total } = requiredProgress(courses, states)
  return finished === total
}

/** Why a course cannot be started yet, or null when it can. */
export function courseLockReason(course: CourseWithLessons, courses: readonly CourseWithLessons[], states: LessonStates): string | null {
  if (course.category === 'required' || electivesUnlocked(courses, states)) return null
  const { finished, total } = requiredProgress(courses, states)
  return `请先学完全部必修课程并完成评价（已完成${finished}/${total}门），再学习选修课程`
}

/** Hours of the year's online learning: the hours of every learned and evaluated lesson. */
export function onlineHours(courses: readonly CourseWithLessons[], states: LessonStates): number {
  return roundHours(
    courses.reduce(
      (total, course) =>
        total + course.lessons.reduce((sum, lesson) => sum + (lessonCredited(states.get(lessonKey(course.courseId, lesson.lessonId))) ? lesson.hours : 0), 0),
      0,
    ),
  )
}

/**
 * How a lesson is played: the institute's video in the mini-program's player, the local simulated
 * player (local runs, where no institute video exists), or on the institute's own platform (its
 * completion records then arrive through the signed import).
 */
export const LESSON_PLAYERS = ['video', 'simulated', 'institute'] as const
export type LessonPlayer = (typeof LESSON_PLAYERS)[number]

/** Players may run at up to double speed (the WeChat video component's fastest rate). */
export const MAX_PLAYBACK_RATE = 2
/** Slack for clock and network delays between reports. */
const PACE_TOLERANCE_SECONDS = 30

/**
 * Whether a reported video position can be real: no further into the lesson than the time since
 * the lesson was started allows at the fastest playback rate. A skipped-ahead report is refused,
 * so hours follow watching, not a forged request.
 */
export function plausiblePosition(positionSeconds: number, startedAt: string | null, now: Date): boolean {
  const elapsed = startedAt ? Math.max(0, (now.getTime() - Date.parse(startedAt)) / 1000) : 0
  return positionSeconds <= elapsed * MAX_PLAYBACK_RATE + PACE_TOLERANCE_SECONDS
}

/** Hours are kept to one decimal (lessons of 0.5 or 1.5 hours are common). */
export function roundHours(hours: number): number {
  return Math.round(hours * 10) / 10
}

/**
 * 产出式学时 categories: the forms of output-based learning the regulation recognises, each with
 * its hour rule and yearly cap. A configurable table: a changed regulation is a change here only,
 * and every screen and check reads it.
 */
export interface OutputCategory {
  code: string
  name: string
  /** What one unit is (篇, 项, 小时 …) and how many hours it is worth. */
  unit: string
  hoursPerUnit: number
  yearlyCap: number
}

export const OUTPUT_CATEGORIES = [
  { code: 'research', name: '承担中注协或地方注协专业课题研究、准则规范起草', unit: '项', hoursPerUnit: 12, yearlyCap: 24 },
  { code: 'lecture', name: '担任中注协或地方注协继续教育授课讲师', unit: '授课小时', hoursPerUnit: 2, yearlyCap: 24 },
  { code: 'article', name: '在省级以上专业刊物公开发表专业文章', unit: '篇', hoursPerUnit: 8, yearlyCap: 24 },
  { code: 'book', name: '公开出版会计、审计等专业著作', unit: '部', hoursPerUnit: 24, yearlyCap: 24 },
  { code: 'degree', name: '参加会计、审计相关专业在职学位教育并取得学位', unit: '个学位', hoursPerUnit: 24, yearlyCap: 24 },
  { code: 'committee', name: '担任中注协或地方注协专业委员会、专业技术小组委员并参加工作', unit: '年', hoursPerUnit: 16, yearlyCap: 16 },
  { code: 'exam', name: '通过与执业相关的职业资格考试科目', unit: '科', hoursPerUnit: 4, yearlyCap: 12 },
  { code: 'case', name: '撰写行业案例或专业问题解答并被中注协或地方注协采用', unit: '篇', hoursPerUnit: 4, yearlyCap: 8 },
  { code: 'seminar', name: '在中注协或地方注协组织的专业研讨会上作主题发言', unit: '次', hoursPerUnit: 2, yearlyCap: 4 },
] as const satisfies readonly OutputCategory[]

export type OutputCategoryCode = (typeof OUTPUT_CATEGORIES)[number]['code']
export const OUTPUT_CATEGORY_CODES = OUTPUT_CATEGORIES.map((category) => category.code) as [OutputCategoryCode, ...OutputCategoryCode[]]

export function outputCategory(code: OutputCategoryCode): OutputCategory {
  return OUTPUT_CATEGORIES.find((category) => category.code === code)!
}

export function outputRule(category: OutputCategory): string {
  return `每${category.unit}${category.hoursPerUnit}学时，每年最多${category.yearlyCap}学时`
}

export interface OutputCredit {
  requested: number
  credited: number
  /** Set when the yearly cap reduced what was requested: the member sees why. */
  capNote: string | null
}

/**
 * The hours an approved output-based claim adds: quantity × the category's rule, but never more
 * than what is left of the category's yearly cap after the hours already credited in that year.
 */
export function creditOutputHours(category: OutputCategory, quantity: number, creditedBeforeInYear: number): OutputCredit {
  const requested = roundHours(quantity * category.hoursPerUnit)
  const left = Math.max(0, category.yearlyCap - creditedBeforeInYear)
  const credited = Math.min(requested, left)
  if (credited === requested) return { requested, credited, capNote: null }
  return {
    requested,
    credited,
    capNote: `“${category.name}”每年最多认可${category.yearlyCap}学时，本年度已认可${roundHours(creditedBeforeInYear)}学时，本次申报${requested}学时，认可${credited}学时`,
  }
}

/** 减免学时 reasons (seed 004, 减免相关内容). */
export const EXEMPTION_REASONS = [
  { code: 'illness', label: '因病不能参加继续教育' },
  { code: 'maternity', label: '生育' },
  { code: 'abroad', label: '出国（境）工作或学习' },
  { code: 'other', label: '其他特殊情况' },
] as const
export type ExemptionReason = (typeof EXEMPTION_REASONS)[number]['code']
export const EXEMPTION_REASON_CODES = EXEMPTION_REASONS.map((reason) => reason.code) as [ExemptionReason, ...ExemptionReason[]]

export function exemptionReasonLabel(code: ExemptionReason): string {
  return EXEMPTION_REASONS.find((reason) => reason.code === code)!.label
}

/** Calendar months of `year` that the period [from, to] touches (dates as YYYY-MM-DD). */
export function monthsWithinYear(from: string, to: string, year: number): number {
  const start = Math.max(monthIndex(from), year * 12)
  const end = Math.min(monthIndex(to), year * 12 + 11)
  return Math.max(0, end - start + 1)
}

const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1

/**
 * How much an approved exemption lowers the year's required hours: the year's requirement in
 * proportion to the months of that year the period covers (a started month counts in full),
 * rounded up to whole hours, never more than the requirement.
 */
export function exemptionHours(from: string, to: string, year: number, requiredPerYear: number): number {
  return unionExemptionHours([{ from, to }], year, requiredPerYear)
}

/** An exemption's period, dates as YYYY-MM-DD. */
export interface ExemptionPeriod {
  from: string
  to: string
}

/**
 * The months (YYYY-MM) an exemption for `year` reduces: those of that year its period touches.
 * Months, not days, are what is counted, so they are also what two exemptions must not share.
 */
export function exemptionMonths(period: ExemptionPeriod, year: number): string[] {
  const start = Math.max(monthIndex(period.from), year * 12)
  const end = Math.min(monthIndex(period.to), year * 12 + 11)
  const months: string[] = []
  for (let index = start; index <= end; index++) months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`)
  return months
}

/**
 * The reduction of a year's requirement by all its approved exemptions: the share of the UNION of
 * their months, so a month covered twice (overlapping periods) still counts once.
 */
export function unionExemptionHours(periods: readonly ExemptionPeriod[], year: number, requiredPerYear: number): number {
  const months = new Set(periods.flatMap((period) => exemptionMonths(period, year)))
  return Math.min(requiredPerYear, Math.ceil((requiredPerYear * months.size) / 12))
}

/** The months two exemptions (each for its own year) would both reduce: none, or a run of months. */
export function sharedExemptionMonths(a: ExemptionPeriod & { year: number }, b: ExemptionPeriod & { year: number }): string[] {
  const theirs = new Set(exemptionMonths(b, b.year))
  return exemptionMonths(a, a.year).filter((month) => theirs.has(month))
}

/** A run of months of one year as a person reads it: 2026年3月, 2026年3月至6月. */
export function monthRangeText(months: readonly string[]): string {
  const first = months[0]!
  const last = months[months.length - 1]!
  const text = `${first.slice(0, 4)}年${Number(first.slice(5, 7))}月`
  return first === last ? text : `${text}至${Number(last.slice(5, 7))}月`
}

/**
 * The years a member may claim output-based or exemption hours for: this year, and last year,
 * since what is achieved late in December is often only claimed in January.
 */
export function claimableYears(currentYear: number): number[] {
  return [currentYear, currentYear - 1]
}
