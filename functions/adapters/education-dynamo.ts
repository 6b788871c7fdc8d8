import { deferred } from '../../shared/deferred'
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from './dynamo-client'
import * as z from 'zod'
import { COURSE_CATEGORIES, INSTITUTE_CODES } from '../../shared/education'
import { config } from '../config'
import type { Course, EducationStore, ImportNonces } from '../ports/education'
import { StaleWrite } from '../ports/outcomes'
import { dynamo, epochSeconds, isConditionFailure, keys, queryAll } from './dynamo'
import { transactCrediting } from './figures'

const storedEnrolment = deferred(() =>
  z.object({
    institute: z.enum(INSTITUTE_CODES),
    chosenAt: z.string(),
    feeStatus: z.enum(['unpaid', 'paid']),
    feeFen: z.number(),
  }),
)

const storedCourse = deferred(() =>
  z.object({
    courseId: z.string(),
    title: z.string(),
    teacher: z.string(),
    category: z.enum(COURSE_CATEGORIES),
    lessons: z.array(z.object({ lessonId: z.string(), title: z.string(), hours: z.number(), durationSeconds: z.number(), videoUrl: z.string().optional() })),
  }),
)

const storedProgress = deferred(() =>
  z.object({
    courseId: z.string(),
    lessonId: z.string(),
    positionSeconds: z.number().default(0),
    startedAt: z
      .string()
      .nullish()
      .transform((at) => at ?? null),
    learnedAt: z
      .string()
      .nullish()
      .transform((at) => at ?? null),
    evaluation: z
      .object({ rating: z.number(), comment: z.string(), at: z.string() })
      .nullish()
      .transform((evaluation) => evaluation ?? null),
  }),
)

/** Conditional writes whose refusal is an answer ("chosen already", "further already"), not a failure. */
async function heldBack(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write()
    return true
  } catch (error) {
    if (isConditionFailure(error)) return false
    throw error
  }
}

export const dynamoEducationStore: EducationStore = {
  async enrolment(memberNo, year) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.enrolment(memberNo, year), ConsistentRead: true }))
    return Item ? { memberNo, year, ...storedEnrolment.parse(Item) } : undefined
  },

  createEnrolment(enrolment) {
    return heldBack(() =>
      dynamo().send(
        new PutCommand({
          TableName: config.tableName,
          Item: { ...keys.enrolment(enrolment.memberNo, enrolment.year), entity: 'enrolment', ...enrolment },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    )
  },

  async catalogue(institute, year) {
    const items = await queryAll({
      TableName: config.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.cataloguePartition(institute, year) },
    })
    const meta = items.find((item) => item.entity === 'catalogue')
    const courses: Course[] = items
      .filter((item) => item.entity === 'course')
      .map((item) => storedCourse.parse(item))
      // 必修 first, then by the institute's own course ids.
      .sort((a, b) => (a.category === b.category ? a.courseId.localeCompare(b.courseId) : a.category === 'required' ? -1 : 1))
    return { feeFen: meta ? z.number().parse(meta.feeFen) : null, courses }
  },

  async writeCatalogue(catalogue, importedAt) {
    const { institute, year } = catalogue
    const items = [
      { ...keys.catalogueMeta(institute, year), entity: 'catalogue', feeFen: catalogue.feeFen, importedAt },
      ...catalogue.courses.map((course) => ({ ...keys.catalogueCourse(institute, year, course.courseId), entity: 'course', ...course, importedAt })),
    ]
    // Courses are independent of each other; batches of 25 keep each transaction small.
    for (let start = 0; start < items.length; start += 25) {
      await dynamo().send(
        new TransactWriteCommand({ TransactItems: items.slice(start, start + 25).map((Item) => ({ Put: { TableName: config.tableName, Item } })) }),
      )
    }
  },

  async lessonProgress(memberNo, year) {
    const items = await queryAll({
      TableName: config.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.member(memberNo).PK, ':prefix': keys.lessonProgressPrefix(year) },
      ConsistentRead: true,
    })
    return items.map((item) => storedProgress.parse(item))
  },

  recordProgress(report) {
    const learned = report.positionSeconds >= report.lesson.durationSeconds
    return heldBack(() =>
      dynamo().send(
        new UpdateCommand({
          TableName: config.tableName,
          Key: keys.lessonProgress(report.memberNo, report.year, report.courseId, report.lesson.lessonId),
          UpdateExpression: `SET entity = :entity, courseId = :course, lessonId = :lesson, positionSeconds = :position, durationSeconds = :duration, startedAt = if_not_exists(startedAt, :at), updatedAt = :at${learned ? ', learnedAt = if_not_exists(learnedAt, :at)' : ''}`,
          ConditionExpression: 'attribute_not_exists(positionSeconds) OR positionSeconds <= :position',
          ExpressionAttributeValues: {
            ':entity': 'lesson-progress',
            ':course': report.courseId,
            ':lesson': report.lesson.lessonId,
            ':position': report.positionSeconds,
            ':duration': report.lesson.durationSeconds,
            ':at': report.at,
          },
        }),
      ),
    )
  },

  async evaluate(lesson, evaluation, hours) {
    const evaluated = {
      Update: {
        TableName: config.tableName,
        Key: keys.lessonProgress(lesson.memberNo, lesson.year, lesson.courseId, lesson.lessonId),
        UpdateExpression: 'SET evaluation = :evaluation',
        ConditionExpression: 'attribute_exists(learnedAt) AND attribute_not_exists(evaluation)',
        ExpressionAttributeValues: { ':evaluation': evaluation },
      },
    }
    const failed = await transactCrediting([['lesson', evaluated]], { member: lesson, row: { ...hours, year: lesson.year } })
    if (failed.length) throw new StaleWrite('lesson evaluated meanwhile')
  },
}

export const dynamoImportNonces: ImportNonces = {
  remember(institute, nonce, keepUntil) {
    return heldBack(() =>
      dynamo().send(
        new PutCommand({
          TableName: config.tableName,
          Item: { ...keys.importNonce(institute, nonce), entity: 'import-nonce', expiresAt: epochSeconds(keepUntil) },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    )
  },
}
