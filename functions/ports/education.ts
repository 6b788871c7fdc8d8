import type { ImportRequest } from '../../shared/api/education-schemas'
import type { CourseCategory, InstituteCode } from '../../shared/education'
import type { HoursRow } from './hours'

/** 在线学习: the institute a member chose for a year, and whether the year's learning fee is paid. */
export interface Enrolment {
  memberNo: string
  year: number
  institute: InstituteCode
  chosenAt: string
  feeStatus: 'unpaid' | 'paid'
  feeFen: number
}

export interface Lesson {
  lessonId: string
  title: string
  hours: number
  durationSeconds: number
  videoUrl?: string
}

export interface Course {
  courseId: string
  title: string
  teacher: string
  category: CourseCategory
  lessons: Lesson[]
}

/** An institute's catalogue of one year; `feeFen` is null until the institute published the year. */
export interface Catalogue {
  feeFen: number | null
  courses: Course[]
}

export interface LessonEvaluation {
  rating: number
  comment: string
  at: string
}

export interface LessonProgress {
  courseId: string
  lessonId: string
  positionSeconds: number
  startedAt: string | null
  learnedAt: string | null
  evaluation: LessonEvaluation | null
}

export interface ProgressReport {
  memberNo: string
  year: number
  courseId: string
  lesson: Lesson
  positionSeconds: number
  at: string
}

export interface EducationStore {
  enrolment(memberNo: string, year: number): Promise<Enrolment | undefined>
  /** The year's choice is made once: false when the member has chosen already. */
  createEnrolment(enrolment: Enrolment): Promise<boolean>
  catalogue(institute: InstituteCode, year: number): Promise<Catalogue>
  /** An institute's push replaces the courses it names and the year's learning fee. */
  writeCatalogue(catalogue: Pick<ImportRequest, 'institute' | 'year' | 'feeFen' | 'courses'>, importedAt: string): Promise<void>
  lessonProgress(memberNo: string, year: number): Promise<LessonProgress[]>
  /**
   * Moves a lesson's position forward (never back: a replay from the start keeps what was learned)
   * and marks it learned once the end is reached. False when the stored position was further.
   */
  recordProgress(report: ProgressReport): Promise<boolean>
  /**
   * 评价 and the lesson's hours in one write: only a learned lesson not evaluated yet, its hours
   * credited exactly then. StaleWrite when it was evaluated meanwhile.
   */
  evaluate(
    lesson: { memberNo: string; associationCode: string; year: number; courseId: string; lessonId: string },
    evaluation: LessonEvaluation,
    hours: Omit<HoursRow, 'year'>,
  ): Promise<void>
}

/** Signed imports' nonces, each kept until its timestamp is too old to be accepted anyway. */
export interface ImportNonces {
  /** False when the nonce was used already (a replayed request). */
  remember(institute: InstituteCode, nonce: string, keepUntil: Date): Promise<boolean>
}
