import type { CatalogueResponse, CourseView, EducationOverview, LessonView } from '../../shared/api/education-schemas'
import type { HoursReport } from '../../shared/api/hours-schemas'
import {
  courseFinished,
  courseLockReason,
  electivesUnlocked,
  INSTITUTES,
  instituteName,
  lessonCredited,
  lessonKey,
  onlineHours,
  plausiblePosition,
  requiredProgress,
  roundHours,
  type InstituteCode,
  type LessonPlayer,
  type LessonState,
} from '../../shared/education'
import { hoursStanding } from '../../shared/hours'
import { learningYearAt } from '../../shared/calendar'
import type { Caller } from '../auth/tokens'
import { config } from '../config'
import type { AccountStore } from '../ports/accounts'
import type { Clock } from '../ports/clock'
import type { Course, EducationStore, Enrolment, Lesson, LessonProgress } from '../ports/education'
import type { HoursLedger } from '../ports/hours'
import { AppError, expectFresh, notFound } from './errors'
import { ownMember } from './credentials'
import { newestFirst, yearHours } from './hours-summary'
import { currentOrder, openPaymentOrder, type PaymentOrderDeps, type PayRequest } from './payment-orders'

export interface EducationDeps extends PaymentOrderDeps {
  education: EducationStore
  hours: HoursLedger
  accounts: AccountStore
  clock: Clock
}

const institute = (code: InstituteCode) => ({ code, name: instituteName(code) })

/**
 * A lesson with the institute's video plays in the mini-program; without one it is learned on the
 * institute's platform — except on local runs, which have no institute and play it simulated.
 */
function lessonPlayer(lesson: Lesson): LessonPlayer {
  if (lesson.videoUrl) return 'video'
  return config.localProviders ? 'simulated' : 'institute'
}

export async function educationOverview(deps: EducationDeps, caller: Caller, year = learningYearAt(deps.clock.now())): Promise<EducationOverview> {
  const [enrolment, rows] = await Promise.all([deps.education.enrolment(caller.username, year), deps.hours.rowsOfYear(caller.username, year)])
  const { required, done, missing } = hoursStanding(rows, year)
  return {
    year,
    institutes: INSTITUTES.map(({ code }) => institute(code)),
    enrolment: enrolment ? { institute: institute(enrolment.institute), chosenAt: enrolment.chosenAt } : null,
    fee: enrolment ? { status: enrolment.feeStatus, amountFen: enrolment.feeFen } : null,
    hours: { required, done, missing },
  }
}

/** 每年只能选择一家会计学院进行学习，当年不可更改. */
export async function chooseInstitute(deps: EducationDeps, caller: Caller, code: InstituteCode): Promise<EducationOverview> {
  const year = learningYearAt(deps.clock.now())
  await ownMember(deps.accounts, caller)
  const existing = await deps.education.enrolment(caller.username, year)
  if (existing) throw alreadyChosen(existing)
  const catalogue = await deps.education.catalogue(code, year)
  if (catalogue.feeFen === null) throw new AppError('CONFLICT', `${instituteName(code)}尚未发布${year}年度课程，请稍后再选择`)
  // Seed 004: only non-practising members pay the learning fee themselves.
  const feeFen = caller.userType === 'non_practising' ? catalogue.feeFen : 0
  const created = await deps.education.createEnrolment({
    memberNo: caller.username,
    year,
    institute: code,
    chosenAt: deps.clock.now().toISOString(),
    feeStatus: feeFen === 0 ? 'paid' : 'unpaid',
    feeFen,
  })
  // Two choices sent at once: the first one stands, the second is told which.
  if (!created) throw alreadyChosen((await deps.education.enrolment(caller.username, year))!)
  return educationOverview(deps, caller, year)
}

function alreadyChosen(enrolment: Enrolment) {
  return new AppError('CONFLICT', `${enrolment.year}年度已选择${instituteName(enrolment.institute)}，当年不可更改`)
}

async function enrolmentOf(deps: EducationDeps, caller: Caller, year: number): Promise<Enrolment> {
  const enrolment = await deps.education.enrolment(caller.username, year)
  if (!enrolment) throw new AppError('CONFLICT', '请先选择本年度学习的国家会计学院')
  return enrolment
}

function statesOf(progress: readonly LessonProgress[]): Map<string, LessonState & LessonProgress> {
  return new Map(
    progress.map((entry) => [lessonKey(entry.courseId, entry.lessonId), { ...entry, learned: entry.learnedAt !== null, evaluated: entry.evaluation !== null }]),
  )
}

function courseViews(courses: readonly Course[], progress: readonly LessonProgress[]): CourseView[] {
  const states = statesOf(progress)
  return courses.map((course) => ({
    courseId: course.courseId,
    title: course.title,
    teacher: course.teacher,
    category: course.category,
    hours: roundHours(course.lessons.reduce((sum, lesson) => sum + lesson.hours, 0)),
    finished: courseFinished(course, states),
    lockReason: courseLockReason(course, courses, states),
    lessons: course.lessons.map((lesson): LessonView => {
      const state = states.get(lessonKey(course.courseId, lesson.lessonId))
      return {
        lessonId: lesson.lessonId,
        title: lesson.title,
        hours: lesson.hours,
        durationSeconds: lesson.durationSeconds,
        player: lessonPlayer(lesson),
        videoUrl: lesson.videoUrl ?? null,
        positionSeconds: Math.min(state?.positionSeconds ?? 0, lesson.durationSeconds),
        learned: Boolean(state?.learned),
        evaluation: state?.evaluation ?? null,
        credited: lessonCredited(state),
      }
    }),
  }))
}

async function learningState(deps: EducationDeps, caller: Caller) {
  const year = learningYearAt(deps.clock.now())
  const enrolment = await enrolmentOf(deps, caller, year)
  const [catalogue, progress] = await Promise.all([deps.education.catalogue(enrolment.institute, year), deps.education.lessonProgress(caller.username, year)])
  return { year, enrolment, catalogue, progress }
}

export async function courseCatalogue(deps: EducationDeps, caller: Caller): Promise<CatalogueResponse> {
  const { year, enrolment, catalogue, progress } = await learningState(deps, caller)
  const states = statesOf(progress)
  return {
    year,
    institute: institute(enrolment.institute),
    fee: { status: enrolment.feeStatus, amountFen: enrolment.feeFen },
    requiredProgress: requiredProgress(catalogue.courses, states),
    electivesUnlocked: electivesUnlocked(catalogue.courses, states),
    creditedHours: onlineHours(catalogue.courses, states),
    courses: courseViews(catalogue.courses, progress),
  }
}

function findLesson(courses: readonly Course[], courseId: string, lessonId: string) {
  const course = courses.find((candidate) => candidate.courseId === courseId)
  const lesson = course?.lessons.find((candidate) => candidate.lessonId === lessonId)
  if (!course || !lesson) throw notFound('课节')
  return { course, lesson }
}

function lessonResponse(courses: readonly Course[], progress: readonly LessonProgress[], courseId: string, lessonId: string) {
  const course = courseViews(courses, progress).find((candidate) => candidate.courseId === courseId)!
  return { course, lesson: course.lessons.find((candidate) => candidate.lessonId === lessonId)! }
}

/** 开始学习 and every progress report of the player after it. */
export async function lessonProgress(deps: EducationDeps, caller: Caller, courseId: string, lessonId: string, positionSeconds: number) {
  const { year, enrolment, catalogue, progress } = await learningState(deps, caller)
  const { course, lesson } = findLesson(catalogue.courses, courseId, lessonId)
  if (enrolment.feeStatus !== 'paid') throw new AppError('CONFLICT', '请先缴纳本年度学习费')
  const states = statesOf(progress)
  const lockReason = courseLockReason(course, catalogue.courses, states)
  if (lockReason) throw new AppError('CONFLICT', lockReason)
  const player = lessonPlayer(lesson)
  if (player === 'institute') {
    throw new AppError('CONFLICT', `该课节请在${instituteName(enrolment.institute)}学习平台学习，学完后学习记录同步到此处，再进行评价`)
  }
  const startedAt = states.get(lessonKey(courseId, lessonId))?.startedAt ?? null
  const now = deps.clock.now()
  if (player === 'video' && !plausiblePosition(positionSeconds, startedAt, now)) {
    throw new AppError('CONFLICT', '播放进度与观看时间不符，请从上次的位置继续播放')
  }
  const at = now.toISOString()
  const position = Math.min(positionSeconds, lesson.durationSeconds)
  const moved = await deps.education.recordProgress({ memberNo: caller.username, year, courseId, lesson, positionSeconds: position, at })
  // The write's outcome is known, so the answer needs no second read; only a report that lost to a
  // further one (sent from another device) reads what that one stored.
  if (!moved) return lessonResponse(catalogue.courses, await deps.education.lessonProgress(caller.username, year), courseId, lessonId)
  const before = progress.find((entry) => entry.courseId === courseId && entry.lessonId === lessonId)
  return lessonResponse(
    catalogue.courses,
    withEntry(progress, {
      courseId,
      lessonId,
      positionSeconds: position,
      startedAt: before?.startedAt ?? at,
      learnedAt: before?.learnedAt ?? (position >= lesson.durationSeconds ? at : null),
      evaluation: before?.evaluation ?? null,
    }),
    courseId,
    lessonId,
  )
}

/** The year's progress with one lesson's entry replaced by what was just written. */
function withEntry(progress: readonly LessonProgress[], entry: LessonProgress): LessonProgress[] {
  return [...progress.filter((other) => other.courseId !== entry.courseId || other.lessonId !== entry.lessonId), entry]
}

/** 评价: only a learned lesson can be evaluated, and only then are its hours recorded. */
export async function evaluateLesson(deps: EducationDeps, caller: Caller, courseId: string, lessonId: string, input: { rating: number; comment: string }) {
  const { year, enrolment, catalogue, progress } = await learningState(deps, caller)
  const { course, lesson } = findLesson(catalogue.courses, courseId, lessonId)
  const state = statesOf(progress).get(lessonKey(courseId, lessonId))
  if (!state?.learned) throw new AppError('CONFLICT', '请先学完该课节再评价')
  if (state.evaluated) throw new AppError('CONFLICT', '该课节已评价，学时已记录')
  const at = deps.clock.now().toISOString()
  const evaluation = { ...input, at }
  await expectFresh(
    deps.education.evaluate({ memberNo: caller.username, associationCode: caller.associationCode, year, courseId, lessonId }, evaluation, {
      id: `online#${courseId}#${lessonId}`,
      source: 'online',
      hours: lesson.hours,
      title: `${course.title}：${lesson.title}`,
      detail: `${instituteName(enrolment.institute)} · ${course.category === 'required' ? '必修' : '选修'}`,
      at,
    }),
    '该课节已评价，学时已记录',
  )
  const { learned: _learned, evaluated: _evaluated, ...entry } = state
  return lessonResponse(catalogue.courses, withEntry(progress, { ...entry, evaluation }), courseId, lessonId)
}

/** 交费: the year's learning fee, through the same WeChat Pay adapter as the membership fee. */
export async function createLearningFeeOrder(deps: EducationDeps, caller: Caller, request: PayRequest) {
  const year = learningYearAt(deps.clock.now())
  const enrolment = await enrolmentOf(deps, caller, year)
  if (enrolment.feeStatus === 'paid') throw new AppError('CONFLICT', '本年度学习费已缴纳，无需重复支付')
  return openPaymentOrder(deps, request, {
    purpose: 'learning_fee',
    memberNo: caller.username,
    accountId: caller.accountId,
    year,
    amountFen: enrolment.feeFen,
    description: `${year}年度继续教育学习费（${instituteName(enrolment.institute)}）`,
  })
}

export async function learningFeeOrderStatus(deps: EducationDeps, caller: Caller, outTradeNo: string) {
  const order = await currentOrder(deps, caller, outTradeNo, 'learning_fee')
  const enrolment = await deps.education.enrolment(order.memberNo, order.year)
  return { status: order.status, fee: enrolment?.feeStatus ?? 'unpaid' }
}

/** 学时查询: one year's hours, by source and in detail, from the same records the inspection check reads. */
export async function hoursReport(deps: EducationDeps, caller: Caller, year = learningYearAt(deps.clock.now())): Promise<HoursReport> {
  const rows = await deps.hours.rowsOfYear(caller.username, year)
  return { ...yearHours(rows, year), records: newestFirst(rows) }
}
