import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { ImportRequest } from '../../shared/api/education-schemas'
import type { CourseCategory, InstituteCode } from '../../shared/education'
import { config } from '../config'
import { dynamo, isConditionFailure, keys, orConflict, queryAll } from './dynamo'
import { hoursPut, type HoursRow } from './hours'

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

export interface Catalogue {
  feeFen: number | null
  courses: Course[]
}

export interface LessonProgress {
  courseId: string
  lessonId: string
  positionSeconds: number
  startedAt: string | null
  learnedAt: string | null
  evaluation: { rating: number; comment: string; at: string } | null
}

export async function getEnrolment(memberNo: string, year: number): Promise<Enrolment | undefined> {
  const result = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.enrolment(memberNo, year), ConsistentRead: true }))
  if (!result.Item) return undefined
  const { institute, chosenAt, feeStatus, feeFen } = result.Item
  return { memberNo, year, institute, chosenAt, feeStatus, feeFen }
}

/** The year's choice is made once: the conditional put is what makes it unchangeable. */
export async function createEnrolment(enrolment: Enrolment): Promise<boolean> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: config.tableName,
        Item: { ...keys.enrolment(enrolment.memberNo, enrolment.year), entity: 'enrolment', ...enrolment },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    )
    return true
  } catch (error) {
    if (isConditionFailure(error)) return false
    throw error
  }
}

export async function readCatalogue(institute: InstituteCode, year: number): Promise<Catalogue> {
  const items = await queryAll({ TableName: config.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.cataloguePartition(institute, year) } })
  const meta = items.find((item) => item.SK === 'META')
  const courses = items
    .filter((item) => String(item.SK).startsWith('COURSE#'))
    .map(({ courseId, title, teacher, category, lessons }) => ({ courseId, title, teacher, category, lessons }) as Course)
    // 必修 first, then by the institute's own course ids.
    .sort((a, b) => (a.category === b.category ? a.courseId.localeCompare(b.courseId) : a.category === 'required' ? -1 : 1))
  return { feeFen: meta ? Number(meta.feeFen) : null, courses }
}

/** An institute's push replaces the courses it names and the year's learning fee. */
export async function writeCatalogue(request: Pick<ImportRequest, 'institute' | 'year' | 'feeFen' | 'courses'>, importedAt: string) {
  const partition = keys.cataloguePartition(request.institute, request.year)
  const items = [
    { PK: partition, SK: 'META', entity: 'catalogue', feeFen: request.feeFen, importedAt },
    ...request.courses.map((course) => ({ PK: partition, SK: `COURSE#${course.courseId}`, entity: 'course', ...course, importedAt })),
  ]
  // Courses are independent of each other; batches of 25 keep each transaction small.
  for (let start = 0; start < items.length; start += 25) {
    await dynamo().send(new TransactWriteCommand({ TransactItems: items.slice(start, start + 25).map((Item) => ({ Put: { TableName: config.tableName, Item } })) }))
  }
}

export async function readLessonProgress(memberNo: string, year: number): Promise<LessonProgress[]> {
  const items = await queryAll({
    TableName: config.tableName,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.member(memberNo).PK, ':prefix': keys.lessonProgressPrefix(year) },
    ConsistentRead: true,
  })
  return items.map((item) => ({
    courseId: item.courseId,
    lessonId: item.lessonId,
    positionSeconds: Number(item.positionSeconds ?? 0),
    startedAt: item.startedAt ?? null,
    learnedAt: item.learnedAt ?? null,
    evaluation: item.evaluation ?? null,
  }))
}

/**
 * Moves a lesson's position forward (never back: a replay from the start keeps what was learned)
 * and marks it learned once the end is reached. Returns false when the stored position was further.
 */
export async function recordProgress(input: { memberNo: string; year: number; courseId: string; lesson: Lesson; positionSeconds: number; at: string }): Promise<boolean> {
  const learned = input.positionSeconds >= input.lesson.durationSeconds
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: keys.lessonProgress(input.memberNo, input.year, input.courseId, input.lesson.lessonId),
        UpdateExpression: `SET entity = :entity, courseId = :course, lessonId = :lesson, positionSeconds = :position, durationSeconds = :duration, startedAt = if_not_exists(startedAt, :at), updatedAt = :at${learned ? ', learnedAt = if_not_exists(learnedAt, :at)' : ''}`,
        ConditionExpression: 'attribute_not_exists(positionSeconds) OR positionSeconds <= :position',
        ExpressionAttributeValues: {
          ':entity': 'lesson-progress',
          ':course': input.courseId,
          ':lesson': input.lesson.lessonId,
          ':position': input.positionSeconds,
          ':duration': input.lesson.durationSeconds,
          ':at': input.at,
        },
      }),
    )
    return true
  } catch (error) {
    if (isConditionFailure(error)) return false
    throw error
  }
}

/**
 * 评价 and the lesson's hours in one transaction: a lesson is evaluated once, only after it was
 * learned, and its hours are credited exactly then.
 */
export async function evaluateLesson(input: {
  memberNo: string
  year: number
  courseId: string
  lessonId: string
  evaluation: { rating: number; comment: string; at: string }
  hours: Omit<HoursRow, 'year'>
}) {
  await orConflict(
    () =>
      dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: config.tableName,
                Key: keys.lessonProgress(input.memberNo, input.year, input.courseId, input.lessonId),
                UpdateExpression: 'SET evaluation = :evaluation',
                ConditionExpression: 'attribute_exists(learnedAt) AND attribute_not_exists(evaluation)',
                ExpressionAttributeValues: { ':evaluation': input.evaluation },
              },
            },
            hoursPut(input.memberNo, { ...input.hours, year: input.year }),
          ],
        }),
      ),
    '该课节已评价，学时已记录',
  )
}
