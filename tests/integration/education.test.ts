import { randomBytes } from 'node:crypto'
import { describe, expect } from 'vitest'
import { clock } from '../../functions/adapters/clock'
import { demoCatalogues } from '../../functions/local/demo-courses'
import { signedImportHeaders } from '../../functions/usecases/education-import'
import { anEnrolment, payOrder, theDemoCourses, type SignedMember } from '../support/builders'
import { inspectionYear, learningYear, setClock, useTestDay } from '../support/calendar'
import { test } from '../support/fixtures'

/** What the contract would not let a caller type, sent on purpose to see the server refuse it. */
const outsideContract = (value: unknown) => value as never
const lesson = (courseId: string, lessonId: string) => ({ params: { courseId, lessonId } })
const catalogueOf = (institute: string) => demoCatalogues(learningYear()).find((candidate) => candidate.institute === institute)!
const durationOf = (courseId: string, lessonId: string) =>
  catalogueOf('BNAI')
    .courses.find((course) => course.courseId === courseId)!
    .lessons.find((candidate) => candidate.lessonId === lessonId)!.durationSeconds

const learn = (member: SignedMember, courseId: string, lessonId: string) =>
  member.ok('lessonProgress', { ...lesson(courseId, lessonId), body: { positionSeconds: durationOf(courseId, lessonId) } })
const evaluate = (member: SignedMember, courseId: string, lessonId: string) =>
  member.ok('evaluateLesson', { ...lesson(courseId, lessonId), body: { rating: 5, comment: '讲解清楚' } })
const REQUIRED_LESSONS = [
  ['R101', 'L1'],
  ['R101', 'L2'],
  ['R102', 'L1'],
  ['R102', 'L2'],
] as const

/**
 * The demo catalogues in the file's table before each test; a member the test builds (fee 免会费,
 * as 周宁's) has chosen 北京国家会计学院 (`enrolled`) or also paid its learning fee (`paid`).
 */
const educationTest = test.extend<{ courses: undefined; enrolled: SignedMember; paid: SignedMember }>({
  courses: [
    async ({ stack: _stack }, use) => {
      await theDemoCourses()
      await use(undefined)
    },
    { auto: true },
  ],
  enrolled: async ({ stack, aMember }, use) => {
    const member = await aMember({ fee: '免会费', record: { name: '周宁' } })
    await anEnrolment(stack.api, member)
    await use(member)
  },
  paid: async ({ stack, aMember }, use) => {
    const member = await aMember({ fee: '免会费', record: { name: '周宁' } })
    await anEnrolment(stack.api, member, { paid: true })
    await use(member)
  },
})

describe('在线学习: choosing the year’s institute', () => {
  educationTest('offers the three institutes and nothing chosen yet', async ({ member }) => {
    const overview = await member.ok('educationOverview')
    expect(overview.year).toBe(learningYear())
    expect(overview.institutes.map((institute) => institute.name)).toEqual(['北京国家会计学院', '上海国家会计学院', '厦门国家会计学院'])
    expect(overview.enrolment).toBeNull()
    expect((await member.refused('courseCatalogue')).body.message).toBe('请先选择本年度学习的国家会计学院')
  })

  educationTest('refuses an unknown institute with the field named, writing nothing', async ({ member }) => {
    const answer = await member.refused('chooseInstitute', { body: { institute: outsideContract('HARVARD') } })
    expect(answer.status).toBe(400)
    expect(answer.body.fieldErrors?.institute).toBe('请选择有效的国家会计学院')
    expect((await member.ok('educationOverview')).enrolment).toBeNull()
  })

  educationTest('locks the choice for the year: a second choice, even sent at the same time, is refused', async ({ member }) => {
    const answers = await Promise.all([
      member.call('chooseInstitute', { body: { institute: 'BNAI' } }),
      member.call('chooseInstitute', { body: { institute: 'SNAI' } }),
    ])
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409])
    const chosen = (await member.ok('educationOverview')).enrolment!.institute.name
    expect(answers.find((answer) => answer.status === 409)!.body).toMatchObject({ message: `${learningYear()}年度已选择${chosen}，当年不可更改` })
    expect((await member.refused('chooseInstitute', { body: { institute: 'XNAI' } })).status).toBe(409)
    expect((await member.ok('educationOverview')).fee).toEqual({ status: 'unpaid', amountFen: 10000 })
  })

  educationTest('charges no learning fee to a practising CPA (seed 004: non-practising members pay it)', async ({ aMember }) => {
    const chen = await aMember({ association: 'SH', userType: 'cpa', fee: '已确认' })
    const chosen = await chen.ok('chooseInstitute', { body: { institute: 'XNAI' } })
    expect(chosen.fee).toEqual({ status: 'paid', amountFen: 0 })
    expect((await chen.refused('createLearningFeeOrder')).status).toBe(409)
  })

  educationTest('is open to members only', async ({ stack, localStaff }) => {
    expect((await stack.api.refused('educationOverview')).status).toBe(401)
    expect((await localStaff.refused('courseCatalogue')).status).toBe(403)
  })
})

describe('courses, fee, progress and evaluation', () => {
  educationTest('shows the catalogue with electives locked and asks for the fee before 开始学习', async ({ enrolled }) => {
    const courses = await enrolled.ok('courseCatalogue')
    expect(courses.requiredProgress).toEqual({ finished: 0, total: 2 })
    expect(courses.electivesUnlocked).toBe(false)
    expect(courses.courses.map((course) => course.courseId)).toEqual(['R101', 'R102', 'E201', 'E202', 'E203'])
    expect(courses.courses.find((course) => course.courseId === 'E201')!.lockReason).toBe('请先学完全部必修课程并完成评价（已完成0/2门），再学习选修课程')
    const start = await enrolled.refused('lessonProgress', { ...lesson('R101', 'L1'), body: { positionSeconds: 0 } })
    expect(start.status).toBe(409)
    expect(start.body.message).toBe('请先缴纳本年度学习费')
  })

  educationTest('takes the learning fee through the WeChat Pay adapter, once', async ({ stack, enrolled: zhou, member: li }) => {
    const order = await zhou.ok('createLearningFeeOrder')
    expect(order).toMatchObject({ channel: 'native', amountFen: 10000, codeUrl: expect.stringMatching(/^weixin:\/\//) })
    const params = { outTradeNo: order.outTradeNo }
    // Another member cannot read the order; the membership-fee route does not know it.
    expect((await li.refused('learningFeeOrderStatus', { params })).status).toBe(404)
    expect((await zhou.refused('feeOrderStatus', { params })).status).toBe(404)
    await payOrder(stack.api, order.outTradeNo)
    expect(await zhou.ok('learningFeeOrderStatus', { params })).toEqual({ status: 'paid', fee: 'paid' })
    expect((await zhou.refused('createLearningFeeOrder')).status).toBe(409)
    // The membership fee is untouched by the learning fee.
    expect((await zhou.ok('inspectionOverview')).fee).toBe('免会费')
  })

  educationTest('pays the learning fee in the mini-program; coming back settles it though the notification was lost', async ({ stack, enrolled }) => {
    const order = await enrolled.ok('createLearningFeeOrder', { body: { channel: 'miniprogram', wechatCode: `local:${enrolled.member.memberNo}` } })
    if (order.channel === 'native') throw new Error('expected a JSAPI order')
    expect(order).toMatchObject({ amountFen: 10000, payment: { appId: 'wx-local-miniprogram', signType: 'RSA' } })
    await stack.api.ok('simulateJsapiPayment', { body: order.payment })
    expect(await enrolled.ok('learningFeeOrderStatus', { params: { outTradeNo: order.outTradeNo } })).toEqual({ status: 'paid', fee: 'paid' })
  })

  educationTest('refuses electives before every required course is finished', async ({ paid }) => {
    const answer = await paid.refused('lessonProgress', { ...lesson('E201', 'L1'), body: { positionSeconds: 10 } })
    expect(answer.status).toBe(409)
    expect(answer.body.message).toContain('请先学完全部必修课程')
  })

  educationTest('records progress forward only, and credits no hours before 评价', async ({ paid }) => {
    const partial = await paid.ok('lessonProgress', { ...lesson('R101', 'L1'), body: { positionSeconds: 600 } })
    expect(partial.lesson).toMatchObject({ positionSeconds: 600, learned: false, credited: false })
    const back = await paid.ok('lessonProgress', { ...lesson('R101', 'L1'), body: { positionSeconds: 100 } })
    expect(back.lesson.positionSeconds).toBe(600)
    const early = await paid.refused('evaluateLesson', { ...lesson('R101', 'L1'), body: { rating: 4 } })
    expect(early.status).toBe(409)
    expect(early.body.message).toBe('请先学完该课节再评价')
    const learned = await learn(paid, 'R101', 'L1')
    expect(learned.lesson).toMatchObject({ learned: true, credited: false, evaluation: null })
    const hours = await paid.ok('hoursReport')
    expect(hours.done).toBe(0)
    expect(hours.records).toEqual([])
  })

  educationTest('validates the evaluation and the lesson ids', async ({ paid }) => {
    await learn(paid, 'R101', 'L1')
    const evaluation = (body: unknown) => paid.refused('evaluateLesson', { ...lesson('R101', 'L1'), body: outsideContract(body) })
    const noRating = await evaluation({ comment: '好' })
    expect(noRating.status).toBe(400)
    expect(noRating.body.fieldErrors?.rating).toBe('请填写评分')
    expect((await evaluation({ rating: 6 })).body.fieldErrors?.rating).toBe('评分为1至5星')
    expect((await evaluation({ rating: 5, comment: '长'.repeat(201) })).body.fieldErrors?.comment).toBe('评价内容不能超过200个字符')
    expect((await paid.refused('lessonProgress', { ...lesson('R101', 'L9'), body: { positionSeconds: 1 } })).status).toBe(404)
    const badId = await paid.refused('lessonProgress', { ...lesson('R1/01', 'L1'), body: { positionSeconds: 1 } })
    expect(badId.status).toBe(400)
    expect(badId.body.fieldErrors?.courseId).toBe('课程编号格式不正确')
    const negative = await paid.refused('lessonProgress', { ...lesson('R101', 'L1'), body: { positionSeconds: -5 } })
    expect(negative.body.fieldErrors?.positionSeconds).toBe('播放进度不能小于0')
  })

  educationTest('credits the lesson’s hours once it is evaluated, exactly once', async ({ paid: zhou }) => {
    await learn(zhou, 'R101', 'L1')
    const evaluated = await evaluate(zhou, 'R101', 'L1')
    expect(evaluated.lesson).toMatchObject({ credited: true, evaluation: { rating: 5, comment: '讲解清楚' } })
    expect((await zhou.refused('evaluateLesson', { ...lesson('R101', 'L1'), body: { rating: 1 } })).status).toBe(409)
    const hours = await zhou.ok('hoursReport')
    expect(hours).toMatchObject({ required: 40, done: 2, missing: 38, exempted: 0 })
    expect(hours.bySource).toEqual([
      { source: 'online', label: '在线学习', hours: 2 },
      { source: 'output', label: '产出式学时', hours: 0 },
      { source: 'exemption', label: '减免学时', hours: 0 },
    ])
    expect(hours.records).toEqual([expect.objectContaining({ source: 'online', title: '注册会计师职业道德守则解读：职业道德基本原则', hours: 2 })])
    // The annual inspection reads the same records: next January, when this year is the 年检年度
    // (the member joined two years ago and never passed one, so last year is owed too).
    const thisYear = learningYear()
    setClock(`${thisYear + 1}-01-15T10:00:00+08:00`)
    try {
      expect(await zhou.ok('inspectionOverview')).toMatchObject({ hoursYears: [thisYear - 1, thisYear], hours: { required: 80, done: 2, missing: 78 } })
    } finally {
      useTestDay()
    }
  })

  educationTest('unlocks the electives once both required courses are learned and evaluated', async ({ paid: zhou }) => {
    for (const [courseId, lessonId] of REQUIRED_LESSONS) {
      await learn(zhou, courseId, lessonId)
      const evaluated = await evaluate(zhou, courseId, lessonId)
      if (lessonId === 'L1') expect(evaluated.course.finished).toBe(false)
    }
    const courses = await zhou.ok('courseCatalogue')
    expect(courses.requiredProgress).toEqual({ finished: 2, total: 2 })
    expect(courses.electivesUnlocked).toBe(true)
    expect(courses.creditedHours).toBe(10)
    expect(courses.courses.every((course) => course.lockReason === null)).toBe(true)
    await learn(zhou, 'E202', 'L1')
    await evaluate(zhou, 'E202', 'L1')
    expect((await zhou.ok('hoursReport')).done).toBe(14)
  })

  educationTest('answers 学时查询 for another year from that year’s records only', async ({ paid: zhou, aMember }) => {
    await learn(zhou, 'R101', 'L1')
    await evaluate(zhou, 'R101', 'L1')
    expect((await zhou.ok('hoursReport')).done).toBe(2)
    expect(await zhou.ok('hoursReport', { query: { year: learningYear() - 1 } })).toMatchObject({ done: 0, records: [] })
    const bad = await zhou.refused('hoursReport', { query: outsideContract({ year: 'abc' }) })
    expect(bad.status).toBe(400)
    expect(bad.body.fieldErrors?.year).toBe('年度格式不正确')
    // Another member's hours stay their own.
    const zhang = await aMember({ hours: 40 })
    expect((await zhang.ok('hoursReport', { query: { year: inspectionYear() } })).done).toBe(40)
  })
})

describe('institutes’ signed import', () => {
  // 上海国家会计学院's catalogue is pushed to by these tests only; the others study at 北京.
  const chosen = 'SNAI'
  const secrets = () => JSON.parse(process.env.EDU_IMPORT_SECRETS!) as Record<string, string>
  const importBody = (completions: unknown[] = []) => JSON.stringify({ ...catalogueOf(chosen), completions })
  const nonce = () => randomBytes(12).toString('hex')
  const signed = (rawBody: string) => signedImportHeaders(chosen, secrets()[chosen]!, rawBody, nonce())
  type Send = (rawBody: string, headers: Record<string, string>) => Promise<{ status: number; body: any }>

  /** `studying`: a member at 上海国家会计学院, fee paid and every required lesson learned and evaluated. */
  const importTest = educationTest.extend<{ send: Send; studying: SignedMember }>({
    send: async ({ stack }, use) =>
      use((rawBody, headers) =>
        fetch(`${stack.apiUrl}/api/v1/education/import`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: rawBody }).then(
          async (response) => ({ status: response.status, body: await response.json() }),
        ),
      ),
    studying: async ({ stack, aMember }, use) => {
      const member = await aMember({ fee: '免会费' })
      await anEnrolment(stack.api, member, { institute: chosen, paid: true })
      for (const [courseId, lessonId] of REQUIRED_LESSONS) {
        await learn(member, courseId, lessonId)
        await evaluate(member, courseId, lessonId)
      }
      await use(member)
    },
  })

  importTest(
    'applies a signed push: completions of enrolled members become learned lessons, others are skipped with a reason',
    async ({ send, studying, member: elsewhere }) => {
      const completedAt = clock.now().toISOString()
      const rawBody = importBody([
        { memberNo: studying.member.memberNo, courseId: 'E203', lessonId: 'L1', completedAt },
        { memberNo: elsewhere.member.memberNo, courseId: 'E203', lessonId: 'L1', completedAt },
        { memberNo: '339999999999', courseId: 'E203', lessonId: 'L1', completedAt },
      ])
      const answer = await send(rawBody, signed(rawBody))
      expect(answer.status, JSON.stringify(answer.body)).toBe(200)
      expect(answer.body.courses).toBe(5)
      expect(answer.body.completions).toBe(1)
      expect(answer.body.skipped.map((entry: { reason: string }) => entry.reason)).toEqual(['该会员本年度未选择本学院', '会员不存在'])
      const e203 = (await studying.ok('courseCatalogue')).courses.find((course) => course.courseId === 'E203')!
      // Learned at the institute, but hours still wait for the member's 评价.
      expect(e203.lessons[0]).toMatchObject({ learned: true, credited: false })
    },
  )

  importTest('plays an institute’s video lesson in the app, refusing positions no one could have watched yet', async ({ send, studying }) => {
    const catalogue = catalogueOf(chosen)
    const video = { lessonId: 'V1', title: '审计抽样方法', hours: 1, durationSeconds: 2700, videoUrl: 'https://video.example-institute.cn/e301/v1.mp4' }
    const rawBody = JSON.stringify({
      ...catalogue,
      courses: [{ courseId: 'E301', title: '审计抽样', teacher: '审计教研室', category: 'elective', lessons: [video] }],
      completions: [],
    })
    expect((await send(rawBody, signed(rawBody))).status).toBe(200)
    const course = (await studying.ok('courseCatalogue')).courses.find((candidate) => candidate.courseId === 'E301')!
    expect(course.lessons[0]).toMatchObject({ player: 'video', videoUrl: video.videoUrl })
    await studying.ok('lessonProgress', { ...lesson('E301', 'V1'), body: { positionSeconds: 0 } })
    const skipped = await studying.refused('lessonProgress', { ...lesson('E301', 'V1'), body: { positionSeconds: 2700 } })
    expect(skipped.status).toBe(409)
    expect(skipped.body.message).toBe('播放进度与观看时间不符，请从上次的位置继续播放')
    expect((await studying.ok('lessonProgress', { ...lesson('E301', 'V1'), body: { positionSeconds: 20 } })).lesson).toMatchObject({
      positionSeconds: 20,
      learned: false,
    })
    const plain = JSON.stringify({
      ...catalogue,
      courses: [{ ...catalogue.courses[0], lessons: [{ ...catalogue.courses[0]!.lessons[0], videoUrl: 'http://insecure.example.cn/a.mp4' }] }],
    })
    const insecure = await send(plain, signed(plain))
    expect(insecure.status).toBe(400)
    expect(insecure.body.fieldErrors['courses.0.lessons.0.videoUrl']).toBe('课程视频地址须为 https 链接')
  })

  importTest('refuses unsigned, tampered, stale, replayed and foreign-institute pushes', async ({ send }) => {
    const rawBody = importBody()
    const headers = signed(rawBody)
    expect((await send(rawBody, {})).status).toBe(401)
    expect((await send(rawBody.replace('"feeFen":10000', '"feeFen":1'), headers)).status).toBe(401)
    expect((await send(rawBody, signedImportHeaders(chosen, 'x'.repeat(43), rawBody, nonce()))).status).toBe(401)
    const stale = await send(rawBody, signedImportHeaders(chosen, secrets()[chosen]!, rawBody, nonce(), new Date(Date.now() - 10 * 60_000)))
    expect(stale).toEqual({ status: 401, body: expect.objectContaining({ message: '请求已过期，请校准时间后重新发送' }) })
    expect((await send(rawBody, headers)).status).toBe(200)
    expect((await send(rawBody, headers)).body.message).toBe('重复的请求（nonce 已使用）')
    // Another institute's key cannot push this institute's catalogue.
    const foreign = await send(rawBody, signedImportHeaders('XNAI', secrets().XNAI!, rawBody, nonce()))
    expect(foreign.status).toBe(403)
  })
})
