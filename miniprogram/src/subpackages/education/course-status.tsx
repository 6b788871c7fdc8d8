import type { CourseView, LessonView } from '@shared/api/education-schemas'
import { roundHours } from '@shared/education'

/** One word for where a course stands, as the course list and the course page show it; `state` gives its tone (lib/status-tone.ts). */
export function courseStatus(course: CourseView): { label: string; state: string } {
  if (course.finished) return { label: '已完成', state: '已完成' }
  if (course.lockReason) return { label: '未解锁', state: '未解锁' }
  if (course.lessons.some((lesson) => lesson.positionSeconds > 0 || lesson.learned)) return { label: '学习中', state: '学习中' }
  return { label: '未开始', state: '未开始' }
}

export function lessonStatus(lesson: LessonView): { label: string; state: string } {
  if (lesson.credited) return { label: `已评价 · 已记录${lesson.hours}学时`, state: '已完成' }
  if (lesson.learned) return { label: '待评价', state: '待评价' }
  if (lesson.positionSeconds > 0) return { label: `已学${lessonPercent(lesson)}%`, state: '学习中' }
  return { label: '未开始', state: '未开始' }
}

export function lessonPercent(lesson: LessonView): number {
  return Math.min(100, Math.floor((lesson.positionSeconds * 100) / lesson.durationSeconds))
}

export const creditedHours = (course: CourseView) => roundHours(course.lessons.reduce((sum, lesson) => sum + (lesson.credited ? lesson.hours : 0), 0))

export function durationText(seconds: number): string {
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  return `${String(minutes).padStart(2, '0')}:${String(rest).padStart(2, '0')}`
}
