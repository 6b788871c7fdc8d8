import { Tag } from '@nutui/nutui-react-taro'
import type { CourseView, LessonView } from '@shared/api/education-schemas'
import { roundHours } from '@shared/education'

type TagType = 'default' | 'primary' | 'success' | 'warning'

/** A status tag; the not-yet states in grey rather than NutUI's default black, which reads like an alarm. */
export function StatusTag(props: { status: { label: string; tag: TagType }; className?: string }) {
  const { label, tag } = props.status
  return tag === 'default' ? (
    <Tag className={props.className} background="#f2f3f5" color="#4e5969">
      {label}
    </Tag>
  ) : (
    <Tag className={props.className} type={tag}>
      {label}
    </Tag>
  )
}

/** One word for where a course stands, as the course list and the course page show it. */
export function courseStatus(course: CourseView): { label: string; tag: TagType } {
  if (course.finished) return { label: '已完成', tag: 'success' }
  if (course.lockReason) return { label: '未解锁', tag: 'default' }
  if (course.lessons.some((lesson) => lesson.positionSeconds > 0 || lesson.learned)) return { label: '学习中', tag: 'primary' }
  return { label: '未开始', tag: 'default' }
}

export function lessonStatus(lesson: LessonView): { label: string; tag: TagType } {
  if (lesson.credited) return { label: `已评价 · 已记录${lesson.hours}学时`, tag: 'success' }
  if (lesson.learned) return { label: '待评价', tag: 'warning' }
  if (lesson.positionSeconds > 0) return { label: `已学${lessonPercent(lesson)}%`, tag: 'primary' }
  return { label: '未开始', tag: 'default' }
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
