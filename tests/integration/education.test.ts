import { clock } from '../../functions/adapters/clock'
import { randomBytes } from 'node:crypto'
import { inspectionYear, learningYear, setClock, useTestDay } from '../support/calendar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_MEMBERS } from '../../functions/local/demo-data'
import { demoCatalogues } from '../../functions/local/demo-courses'
import { signedImportHeaders } from '../../functions/usecases/education-import'
import { startTestStack } from '../support/stack'

let stack: Awaited<ReturnType<typeof startTestStack>>
const member = (memberNo: string) => DEMO_MEMBERS.find((candidate) => candidate.memberNo === memberNo)!.account
const zhou = member('330000260006')
const zhang = member('330000260001')
const li = member('330000260002')
const tokens: Record<string, string> = {}
type Who = { userType: any; username: string; password: string }
const token = async (who: Who) => (tokens[who.username] ??= await stack.api.token(who.userType, who.username, who.password))
const call = async (method: string, path: string, who: Who | null, body?: unknown) =>
  stack.api.request(method, path, { token: who ? await token(who) : undefined, body })

const lessonPath = (courseId: string, lessonId: string, action: 'progress' | 'evaluation') =>
  `/api/v1/education/courses/${courseId}/lessons/${lessonId}/${action}`
const catalogue = demoCatalogues(learningYear())[0]!
const durationOf = (courseId: string, lessonId: string) =>
  catalogue.courses.find((c) => c.courseId === courseId)!.lessons.find((l) => l.lessonId === lessonId)!.durationSeconds

async function learn(who: Who, courseId: string, lessonId: string) {
  const answer = await call('POST', lessonPath(courseId, lessonId, 'progress'), who, { positionSeconds: durationOf(courseId, lessonId) })
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  return answer.body
}

async function evaluate(who: Who, courseId: string, lessonId: string) {
  const answer = await call('POST', lessonPath(courseId, lessonId, 'evaluation'), who, { rating: 5, comment: '讲解清楚' })
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  return answer.body
}

/** Pays an order the way WeChat Pay would: the simulated payer signs the notification, the notify route checks it. */
async function pay(outTradeNo: string) {
  const notification = (await call('POST', `/api/v1/dev/payments/${outTradeNo}`, null)).body
  const response = await fetch(`${stack.apiUrl}/api/v1/payments/wechat/notify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...notification.headers },
    body: notification.body,
  })
  expect(response.status).toBe(200)
}

beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(() => stack?.stop())

describe('在线学习: choosing the year’s institute', () => {
  it('offers the three institutes and nothing chosen yet', async () => {
    const overview = (await call('GET', '/api/v1/education/overview', zhou)).body
    expect(overview.year).toBe(learningYear())
    expect(overview.institutes.map((institute: { name: string }) => institute.name)).toEqual(['北京国家会计学院', '上海国家会计学院', '厦门国家会计学院'])
    expect(overview.enrolment).toBeNull()
    expect((await call('GET', '/api/v1/education/courses', zhou)).body.message).toBe('请先选择本年度学习的国家会计学院')
  })

  it('refuses an unknown institute with the field named, writing nothing', async () => {
    const answer = await call('POST', '/api/v1/education/enrolment', zhou, { institute: 'HARVARD' })
    expect(answer.status).toBe(400)
    expect(answer.body.fieldErrors.institute).toBe('请选择有效的国家会计学院')
    expect((await call('GET', '/api/v1/education/overview', zhou)).body.enrolment).toBeNull()
  })

  it('locks the choice for the year: a second choice, even sent at the same time, is refused', async () => {
    const [first, second] = await Promise.all([
      call('POST', '/api/v1/education/enrolment', zhou, { institute: 'BNAI' }),
      call('POST', '/api/v1/education/enrolment', zhou, { institute: 'SNAI' }),
    ])
    expect([first.status, second.status].sort()).toEqual([200, 409])
    const chosen = (await call('GET', '/api/v1/education/overview', zhou)).body.enrolment.institute.name
    expect((first.status === 409 ? first : second).body.message).toBe(`${learningYear()}年度已选择${chosen}，当年不可更改`)
    const again = await call('POST', '/api/v1/education/enrolment', zhou, { institute: 'XNAI' })
    expect(again.status).toBe(409)
    expect((await call('GET', '/api/v1/education/overview', zhou)).body.fee).toEqual({ status: 'unpaid', amountFen: 10000 })
  })

  it('charges no learning fee to a practising CPA (seed 004: non-practising members pay it)', async () => {
    const chen = member('310000120005')
    const chosen = await call('POST', '/api/v1/education/enrolment', chen, { institute: 'XNAI' })
    expect(chosen.body.fee).toEqual({ status: 'paid', amountFen: 0 })
    expect((await call('POST', '/api/v1/education/fee/orders', chen)).status).toBe(409)
  })

  it('is open to members only', async () => {
    expect((await call('GET', '/api/v1/education/overview', null)).status).toBe(401)
    const staff = { userType: 'staff', username: 'zj_staff', password: 'Zhejiang2026' }
    expect((await call('GET', '/api/v1/education/courses', staff)).status).toBe(403)
  })
})

describe('courses, fee, progress and evaluation', () => {
  it('shows the catalogue with electives locked and asks for the fee before 开始学习', async () => {
    const courses = (await call('GET', '/api/v1/education/courses', zhou)).body
    expect(courses.requiredProgress).toEqual({ finished: 0, total: 2 })
    expect(courses.electivesUnlocked).toBe(false)
    expect(courses.courses.map((course: { courseId: string }) => course.courseId)).toEqual(['R101', 'R102', 'E201', 'E202', 'E203'])
    expect(courses.courses.find((course: { courseId: string }) => course.courseId === 'E201').lockReason).toBe(
      '请先学完全部必修课程并完成评价（已完成0/2门），再学习选修课程',
    )
    const start = await call('POST', lessonPath('R101', 'L1', 'progress'), zhou, { positionSeconds: 0 })
    expect(start.status).toBe(409)
    expect(start.body.message).toBe('请先缴纳本年度学习费')
  })

  it('takes the learning fee through the WeChat Pay adapter, once', async () => {
    const order = await call('POST', '/api/v1/education/fee/orders', zhou)
    expect(order.status).toBe(200)
    expect(order.body.amountFen).toBe(10000)
    expect(order.body.codeUrl).toMatch(/^weixin:\/\//)
    // Another member cannot read the order; the membership-fee route does not know it.
    expect((await call('GET', `/api/v1/education/fee/orders/${order.body.outTradeNo}`, li)).status).toBe(404)
    expect((await call('GET', `/api/v1/inspection/fee/orders/${order.body.outTradeNo}`, zhou)).status).toBe(404)
    await pay(order.body.outTradeNo)
    expect((await call('GET', `/api/v1/education/fee/orders/${order.body.outTradeNo}`, zhou)).body).toEqual({ status: 'paid', fee: 'paid' })
    expect((await call('POST', '/api/v1/education/fee/orders', zhou)).status).toBe(409)
    // The membership fee is untouched by the learning fee.
    expect((await call('GET', '/api/v1/inspection/overview', zhou)).body.fee).toBe('免会费')
  })

  it('refuses electives before every required course is finished', async () => {
    const answer = await call('POST', lessonPath('E201', 'L1', 'progress'), zhou, { positionSeconds: 10 })
    expect(answer.status).toBe(409)
    expect(answer.body.message).toContain('请先学完全部必修课程')
  })

  it('records progress forward only, and credits no hours before 评价', async () => {
    const partial = await call('POST', lessonPath('R101', 'L1', 'progress'), zhou, { positionSeconds: 600 })
    expect(partial.body.lesson).toMatchObject({ positionSeconds: 600, learned: false, credited: false })
    const back = await call('POST', lessonPath('R101', 'L1', 'progress'), zhou, { positionSeconds: 100 })
    expect(back.body.lesson.positionSeconds).toBe(600)
    const early = await call('POST', lessonPath('R101', 'L1', 'evaluation'), zhou, { rating: 4 })
    expect(early.status).toBe(409)
    expect(early.body.message).toBe('请先学完该课节再评价')
    const learned = await learn(zhou, 'R101', 'L1')
    expect(learned.lesson).toMatchObject({ learned: true, credited: false, evaluation: null })
    const hours = (await call('GET', '/api/v1/education/hours', zhou)).body
    expect(hours.done).toBe(0)
    expect(hours.records).toEqual([])
  })

  it('validates the evaluation and the lesson ids', async () => {
    const noRating = await call('POST', lessonPath('R101', 'L1', 'evaluation'), zhou, { comment: '好' })
    expect(noRating.status).toBe(400)
    expect(noRating.body.fieldErrors.rating).toBe('请填写评分')
    const tooHigh = await call('POST', lessonPath('R101', 'L1', 'evaluation'), zhou, { rating: 6 })
    expect(tooHigh.body.fieldErrors.rating).toBe('评分为1至5星')
    const longComment = await call('POST', lessonPath('R101', 'L1', 'evaluation'), zhou, { rating: 5, comment: '长'.repeat(201) })
    expect(longComment.body.fieldErrors.comment).toBe('评价内容不能超过200个字符')
    expect((await call('POST', lessonPath('R101', 'L9', 'progress'), zhou, { positionSeconds: 1 })).status).toBe(404)
    const badId = await call('POST', lessonPath('R1%2F01', 'L1', 'progress'), zhou, { positionSeconds: 1 })
    expect(badId.status).toBe(400)
    expect(badId.body.fieldErrors.courseId).toBe('课程编号格式不正确')
    const negative = await call('POST', lessonPath('R101', 'L1', 'progress'), zhou, { positionSeconds: -5 })
    expect(negative.body.fieldErrors.positionSeconds).toBe('播放进度不能小于0')
  })

  it('credits the lesson’s hours once it is evaluated, exactly once', async () => {
    const evaluated = await evaluate(zhou, 'R101', 'L1')
    expect(evaluated.lesson).toMatchObject({ credited: true, evaluation: { rating: 5, comment: '讲解清楚' } })
    const twice = await call('POST', lessonPath('R101', 'L1', 'evaluation'), zhou, { rating: 1 })
    expect(twice.status).toBe(409)
    const hours = (await call('GET', '/api/v1/education/hours', zhou)).body
    expect(hours).toMatchObject({ required: 40, done: 2, missing: 38, exempted: 0 })
    expect(hours.bySource).toEqual([
      { source: 'online', label: '在线学习', hours: 2 },
      { source: 'output', label: '产出式学时', hours: 0 },
      { source: 'exemption', label: '减免学时', hours: 0 },
    ])
    expect(hours.records).toEqual([expect.objectContaining({ source: 'online', title: '注册会计师职业道德守则解读：职业道德基本原则', hours: 2 })])
    // The annual inspection reads the same records: next January, when this year is the 年检年度
    // (周宁 joined two years ago and never passed one, so last year is owed too).
    const thisYear = learningYear()
    setClock(`${thisYear + 1}-01-15T10:00:00+08:00`)
    try {
      const next = (await call('GET', '/api/v1/inspection/overview', zhou)).body
      expect(next).toMatchObject({ hoursYears: [thisYear - 1, thisYear], hours: { required: 80, done: 2, missing: 78 } })
    } finally {
      useTestDay()
    }
  })

  it('unlocks the electives once both required courses are learned and evaluated', async () => {
    for (const [courseId, lessonId] of [
      ['R101', 'L2'],
      ['R102', 'L1'],
      ['R102', 'L2'],
    ] as const) {
      await learn(zhou, courseId, lessonId)
      const evaluated = await evaluate(zhou, courseId, lessonId)
      if (lessonId === 'L1') expect(evaluated.course.finished).toBe(false)
    }
    const courses = (await call('GET', '/api/v1/education/courses', zhou)).body
    expect(courses.requiredProgress).toEqual({ finished: 2, total: 2 })
    expect(courses.electivesUnlocked).toBe(true)
    expect(courses.creditedHours).toBe(10)
    expect(courses.courses.every((course: { lockReason: string | null }) => course.lockReason === null)).toBe(true)
    await learn(zhou, 'E202', 'L1')
    await evaluate(zhou, 'E202', 'L1')
    expect((await call('GET', '/api/v1/education/hours', zhou)).body.done).toBe(14)
  })

  it('answers 学时查询 for another year from that year’s records only', async () => {
    const last = await call('GET', `/api/v1/education/hours?year=${learningYear() - 1}`, zhou)
    expect(last.body).toMatchObject({ done: 0, records: [] })
    const bad = await call('GET', '/api/v1/education/hours?year=abc', zhou)
    expect(bad.status).toBe(400)
    expect(bad.body.fieldErrors.year).toBe('年度格式不正确')
    // Another member's hours stay their own.
    expect((await call('GET', `/api/v1/education/hours?year=${inspectionYear()}`, zhang)).body.done).toBe(40)
  })
})

describe('institutes’ signed import', () => {
  const secrets = () => JSON.parse(process.env.EDU_IMPORT_SECRETS!) as Record<string, string>
  let chosen: 'BNAI' | 'SNAI'
  const importBody = (completions: unknown[] = []) => JSON.stringify({ ...demoCatalogues(learningYear()).find((c) => c.institute === chosen), completions })

  beforeAll(async () => {
    chosen = (await call('GET', '/api/v1/education/overview', zhou)).body.enrolment.institute.code
  })
  const send = (rawBody: string, headers: Record<string, string>) =>
    fetch(`${stack.apiUrl}/api/v1/education/import`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: rawBody }).then(
      async (r) => ({ status: r.status, body: await r.json() }),
    )
  const nonce = () => randomBytes(12).toString('hex')

  it('applies a signed push: completions of enrolled members become learned lessons, others are skipped with a reason', async () => {
    const rawBody = importBody([
      { memberNo: zhou.username, courseId: 'E203', lessonId: 'L1', completedAt: clock.now().toISOString() },
      { memberNo: zhang.username, courseId: 'E203', lessonId: 'L1', completedAt: clock.now().toISOString() },
      { memberNo: '339999999999', courseId: 'E203', lessonId: 'L1', completedAt: clock.now().toISOString() },
    ])
    const answer = await send(rawBody, signedImportHeaders(chosen, secrets()[chosen]!, rawBody, nonce()))
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    expect(answer.body.courses).toBe(5)
    expect(answer.body.completions).toBe(1)
    expect(answer.body.skipped.map((entry: { reason: string }) => entry.reason)).toEqual(['该会员本年度未选择本学院', '会员不存在'])
    const courses = (await call('GET', '/api/v1/education/courses', zhou)).body
    const lesson = courses.courses.find((course: { courseId: string }) => course.courseId === 'E203').lessons[0]
    // Learned at the institute, but hours still wait for the member's 评价.
    expect(lesson).toMatchObject({ learned: true, credited: false })
  })

  it('plays an institute’s video lesson in the app, refusing positions no one could have watched yet', async () => {
    const catalogue = demoCatalogues(learningYear()).find((c) => c.institute === chosen)!
    const video = { lessonId: 'V1', title: '审计抽样方法', hours: 1, durationSeconds: 2700, videoUrl: 'https://video.example-institute.cn/e301/v1.mp4' }
    const rawBody = JSON.stringify({
      ...catalogue,
      courses: [{ courseId: 'E301', title: '审计抽样', teacher: '审计教研室', category: 'elective', lessons: [video] }],
      completions: [],
    })
    expect((await send(rawBody, signedImportHeaders(chosen, secrets()[chosen]!, rawBody, nonce()))).status).toBe(200)
    const course = (await call('GET', '/api/v1/education/courses', zhou)).body.courses.find((c: { courseId: string }) => c.courseId === 'E301')
    expect(course.lessons[0]).toMatchObject({ player: 'video', videoUrl: video.videoUrl })
    expect((await call('POST', lessonPath('E301', 'V1', 'progress'), zhou, { positionSeconds: 0 })).status).toBe(200)
    const skipped = await call('POST', lessonPath('E301', 'V1', 'progress'), zhou, { positionSeconds: 2700 })
    expect(skipped.status).toBe(409)
    expect(skipped.body.message).toBe('播放进度与观看时间不符，请从上次的位置继续播放')
    expect((await call('POST', lessonPath('E301', 'V1', 'progress'), zhou, { positionSeconds: 20 })).body.lesson).toMatchObject({
      positionSeconds: 20,
      learned: false,
    })
    const plain = JSON.stringify({
      ...catalogue,
      courses: [{ ...catalogue.courses[0], lessons: [{ ...catalogue.courses[0]!.lessons[0], videoUrl: 'http://insecure.example.cn/a.mp4' }] }],
    })
    const insecure = await send(plain, signedImportHeaders(chosen, secrets()[chosen]!, plain, nonce()))
    expect(insecure.status).toBe(400)
    expect(insecure.body.fieldErrors['courses.0.lessons.0.videoUrl']).toBe('课程视频地址须为 https 链接')
  })

  it('refuses unsigned, tampered, stale, replayed and foreign-institute pushes', async () => {
    const rawBody = importBody()
    const headers = signedImportHeaders(chosen, secrets()[chosen]!, rawBody, nonce())
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
