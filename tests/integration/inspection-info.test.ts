import { describe, expect } from 'vitest'
import type { RouteBody } from '../../shared/api/contract'
import { test } from '../support/fixtures'

const complete: Omit<RouteBody<'saveMemberInfo'>, 'version'> = {
  contact: { mobile: '13812348628', email: 'zhangxm@example.com', address: '杭州市西湖区文三路100号', postcode: '310012' },
  work: { workUnit: '杭州某某科技有限公司', position: '财务经理', workPhone: '0571-88886666', workAddress: '' },
  education: { education: '大学本科', degree: '学士', school: '浙江财经大学', major: '会计学', graduationDate: '2012-06' },
  qualifications: {
    domestic: ['税务师'],
    domesticOther: '',
    international: ['国际注册会计师(ACCA)', '美国注册管理会计师(CMA)'],
    internationalOther: '英国特许公认会计师',
  },
}

/** What the contract would not let a caller type, sent on purpose to see the server refuse it. */
const outsideContract = (body: unknown) => body as never

describe('完善信息', () => {
  test('starts from the member record and keeps a partial draft between visits', async ({ member, aMember }) => {
    const { phone, email, workUnit, education } = member.member
    expect(await member.ok('memberInfo')).toEqual({
      saved: null,
      draft: { contact: { mobile: phone, email }, work: { workUnit }, education: { education } },
      complete: false,
      savedAt: null,
      version: 0,
    })
    const draft = {
      contact: { mobile: '138', address: '杭州' },
      qualifications: { domestic: ['律师' as const], domesticOther: '注册税务师（香港）' },
    }
    await member.ok('saveMemberInfoDraft', { body: { ...draft, version: 0 } })
    expect(await member.ok('memberInfo')).toMatchObject({ draft, complete: false, version: 1 })
    const other = await aMember({ info: true })
    expect((await other.ok('memberInfo')).draft).toBeNull()
    expect((await member.ok('inspectionOverview')).infoComplete).toBe(false)
  })

  test('refuses unknown qualifications and over-long text even in a draft', async ({ member }) => {
    expect((await member.refused('saveMemberInfoDraft', { body: outsideContract({ qualifications: { domestic: ['会计师'] }, version: 0 }) })).status).toBe(400)
    expect((await member.refused('saveMemberInfoDraft', { body: { contact: { address: '长'.repeat(101) }, version: 0 } })).status).toBe(400)
  })

  test('requires the * fields when saving, naming each field', async ({ member }) => {
    const missing = await member.refused('saveMemberInfo', {
      body: outsideContract({
        ...complete,
        version: 0,
        contact: { ...complete.contact, mobile: '', email: 'not-an-email' },
        education: { ...complete.education, school: ' ', graduationDate: '2012/6' },
        work: { ...complete.work, workUnit: undefined },
      }),
    })
    const wrongMobile = await member.refused('saveMemberInfo', {
      body: outsideContract({ ...complete, version: 0, contact: { ...complete.contact, mobile: '1381234' } }),
    })
    expect(wrongMobile.body.fieldErrors?.['contact.mobile']).toBe('手机号码须为11位数字')
    expect(missing.status).toBe(400)
    expect(missing.body.fieldErrors).toMatchObject({
      'contact.mobile': '请填写手机号码',
      'contact.email': '电子邮箱格式不正确',
      'work.workUnit': '请填写工作单位',
      'education.school': '请填写毕业院校',
      'education.graduationDate': '毕业时间格式为 年-月',
    })
    const badEnum = await member.refused('saveMemberInfo', {
      body: outsideContract({ ...complete, version: 0, education: { ...complete.education, degree: '院士' } }),
    })
    expect(badEnum.status).toBe(400)
    expect(Object.keys(badEnum.body.fieldErrors ?? {})).toEqual(['education.degree'])
    expect((await member.ok('memberInfo')).complete).toBe(false)
  })

  test('saves complete information, clearing the draft', async ({ member }) => {
    const { version } = await member.ok('memberInfo')
    expect(await member.ok('saveMemberInfo', { body: { ...complete, version } })).toMatchObject({ saved: complete, draft: null, complete: true })
    expect((await member.ok('inspectionOverview')).infoComplete).toBe(true)
  })

  test('lets one of two screens that read the same version save; the other is refused, overwriting nothing', async ({ member }) => {
    const { version } = await member.ok('memberInfo')
    const phone = { contact: { address: '手机上填写的地址' } }
    const tablet = { contact: { address: '平板上填写的地址' } }
    const answers = await Promise.all([
      member.call('saveMemberInfoDraft', { body: { ...phone, version } }),
      member.call('saveMemberInfoDraft', { body: { ...tablet, version } }),
    ])
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409])
    const winner = answers[0]!.status === 200 ? phone : tablet
    const refused = answers.find((answer) => answer.status === 409)!
    expect(refused.body).toMatchObject({ message: '完善信息已在其他设备上修改，请刷新后再保存' })
    const latest = await member.ok('memberInfo')
    expect(latest).toMatchObject({ draft: winner, version: version + 1 })

    // A screen still holding the first version can neither save over the winner's draft nor over saved information.
    expect((await member.refused('saveMemberInfo', { body: { ...complete, version } })).status).toBe(409)
    expect(await member.ok('memberInfo')).toEqual(latest)
    const saved = await member.ok('saveMemberInfo', { body: { ...complete, version: latest.version } })
    expect(saved).toMatchObject({ saved: complete, draft: null, version: latest.version + 1 })
    expect((await member.refused('saveMemberInfoDraft', { body: { ...phone, version: latest.version } })).status).toBe(409)
    expect(await member.ok('memberInfo')).toEqual(saved)
  })

  test('refuses a save without the version the screen read', async ({ member }) => {
    const refused = await member.refused('saveMemberInfoDraft', { body: outsideContract({ contact: { address: '杭州' } }) })
    expect(refused.status).toBe(400)
    expect(refused.body.fieldErrors?.version).toBe('请填写版本')
    expect((await member.ok('memberInfo')).version).toBe(0)
  })
})
