import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_MEMBERS, type DemoAccount } from '../../functions/local/demo-data'
import { startTestStack } from '../support/stack'

let stack: Awaited<ReturnType<typeof startTestStack>>
// 李华 has not filled in 完善信息 yet; 王芳 (seeded with it) is the other member.
const [, member, other] = DEMO_MEMBERS.map((demo) => demo.account) as [DemoAccount, DemoAccount, DemoAccount]
const tokens: Record<string, string> = {}
const token = async (who: DemoAccount) => (tokens[who.username] ??= await stack.api.token(who.userType, who.username, who.password))
const call = async (method: string, path: string, who: DemoAccount, body?: unknown) => stack.api.request(method, path, { token: await token(who), body })

const complete = {
  contact: { mobile: '13812348628', email: 'zhangxm@example.com', address: '杭州市西湖区文三路100号', postcode: '310012' },
  work: { workUnit: '杭州某某科技有限公司', position: '财务经理', workPhone: '0571-88886666', workAddress: '' },
  education: { education: '大学本科', degree: '学士', school: '浙江财经大学', major: '会计学', graduationDate: '2012-06' },
  qualifications: { domestic: ['税务师'], domesticOther: '', international: ['国际注册会计师(ACCA)', '美国注册管理会计师(CMA)'], internationalOther: '英国特许公认会计师' },
}

beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(() => stack?.stop())

describe('完善信息', () => {
  it('starts from the member record and keeps a partial draft between visits', async () => {
    expect((await call('GET', '/api/v1/inspection/profile', member)).body).toEqual({
      saved: null,
      draft: { contact: { mobile: '13957112345', email: 'lihua@example.com' }, work: { workUnit: '浙江某某会计服务有限公司' }, education: { education: '大学本科' } },
      complete: false,
      savedAt: null,
    })
    const draft = { contact: { mobile: '138', address: '杭州' }, qualifications: { domestic: ['律师'], domesticOther: '注册税务师（香港）' } }
    const saved = await call('PUT', '/api/v1/inspection/profile/draft', member, draft)
    expect(saved.status).toBe(200)
    expect((await call('GET', '/api/v1/inspection/profile', member)).body).toMatchObject({ draft, complete: false })
    expect((await call('GET', '/api/v1/inspection/profile', other)).body.draft).toBeNull()
    expect((await call('GET', '/api/v1/inspection/overview', member)).body.infoComplete).toBe(false)
  })

  it('refuses unknown qualifications and over-long text even in a draft', async () => {
    const unknown = await call('PUT', '/api/v1/inspection/profile/draft', member, { qualifications: { domestic: ['会计师'] } })
    expect(unknown.status).toBe(400)
    const long = await call('PUT', '/api/v1/inspection/profile/draft', member, { contact: { address: '长'.repeat(101) } })
    expect(long.status).toBe(400)
  })

  it('requires the * fields when saving, naming each field', async () => {
    const missing = await call('PUT', '/api/v1/inspection/profile', member, {
      ...complete,
      contact: { ...complete.contact, mobile: '', email: 'not-an-email' },
      education: { ...complete.education, school: ' ', graduationDate: '2012/6' },
      work: { ...complete.work, workUnit: undefined },
    })
    const wrongMobile = await call('PUT', '/api/v1/inspection/profile', member, { ...complete, contact: { ...complete.contact, mobile: '1381234' } })
    expect(wrongMobile.body.fieldErrors['contact.mobile']).toBe('手机号码须为11位数字')
    expect(missing.status).toBe(400)
    expect(missing.body.fieldErrors).toMatchObject({
      'contact.mobile': '请填写手机号码',
      'contact.email': '电子邮箱格式不正确',
      'work.workUnit': '请填写工作单位',
      'education.school': '请填写毕业院校',
      'education.graduationDate': '毕业时间格式为 年-月',
    })
    const badEnum = await call('PUT', '/api/v1/inspection/profile', member, { ...complete, education: { ...complete.education, degree: '院士' } })
    expect(badEnum.status).toBe(400)
    expect(Object.keys(badEnum.body.fieldErrors)).toEqual(['education.degree'])
    expect((await call('GET', '/api/v1/inspection/profile', member)).body.complete).toBe(false)
  })

  it('saves complete information, clearing the draft', async () => {
    const saved = await call('PUT', '/api/v1/inspection/profile', member, complete)
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ saved: complete, draft: null, complete: true })
    expect((await call('GET', '/api/v1/inspection/overview', member)).body.infoComplete).toBe(true)
  })
})
