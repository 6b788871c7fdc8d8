import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { ChangePasswordRequest, LoginRequest } from '../../shared/api/schemas'
import { associationName, dialableNumbers, LOCAL_ASSOCIATIONS } from '../../shared/associations'
import { maskEmail, maskIdNumber, maskName, maskPhone } from '../../shared/mask'
import { passwordProblem } from '../../shared/password-policy'
import { fieldErrors, labelled } from '../../shared/validation'

describe('associations (seed 000)', () => {
  it('lists the 32 local associations with unique codes', () => {
    expect(LOCAL_ASSOCIATIONS).toHaveLength(32)
    expect(new Set(LOCAL_ASSOCIATIONS.map((a) => a.code)).size).toBe(32)
    expect(associationName('ZJ')).toBe('浙江省注册会计师协会')
    expect(associationName('CICPA')).toBe('中国注册会计师协会')
    expect(() => associationName('XX')).toThrow()
  })

  it('expands published alternatives into dialable numbers', () => {
    expect(dialableNumbers('0591-87097732/7006')).toEqual(['0591-87097732', '0591-87097006'])
    expect(dialableNumbers('010-88221188')).toEqual(['010-88221188'])
  })
})

describe('masking', () => {
  it('keeps only what a person needs to recognise their own data', () => {
    expect(maskName('蔡文')).toBe('蔡*')
    expect(maskName('欧阳娜娜')).toBe('欧***')
    expect(maskIdNumber('330106199001012312')).toBe('3301**********2312')
    expect(maskPhone('13812348628')).toBe('138****8628')
    expect(maskEmail('zhangxm@example.com')).toBe('zh***@example.com')
    expect(maskEmail('a@b.cn')).toBe('a***@b.cn')
  })
})

describe('password policy', () => {
  it.each([
    ['short1', '密码至少8位'],
    ['abcdefgh', '密码须同时包含字母和数字'],
    ['12345678', '密码须同时包含字母和数字'],
    ['abc 12345', '密码不能包含空格'],
  ])('refuses %s', (password, reason) => {
    expect(passwordProblem(password)).toBe(reason)
  })

  it('refuses a password containing the username and accepts a sound one', () => {
    expect(passwordProblem('x330000260001', '330000260001')).toBe('密码不能包含会员编号或用户名')
    expect(passwordProblem('NewPass2026', '330000260001')).toBeNull()
  })

  it('is enforced by the shared request schema, which the screen and the server both use', () => {
    const result = ChangePasswordRequest.safeParse({ oldPassword: 'Same1234', newPassword: 'Same1234' })
    expect(result.success).toBe(false)
    expect(fieldErrors(ChangePasswordRequest, result.error!)).toEqual({ newPassword: '新密码不能与原密码相同' })
  })
})

describe('field messages', () => {
  it('names the field in Chinese for each kind of problem', () => {
    const schema = z.object({
      name: labelled(z.string().min(1).max(4), '姓名'),
      email: labelled(z.email(), '邮箱'),
      tags: labelled(z.array(z.string()).max(1), '标签'),
    })
    const result = schema.safeParse({ name: '欧阳娜娜呀', email: 'nope', tags: ['a', 'b'] })
    expect(fieldErrors(schema, result.error!)).toEqual({ name: '姓名不能超过4个字符', email: '邮箱格式不正确', tags: '标签最多1项' })
  })

  it('reports a missing login field by its label', () => {
    const result = LoginRequest.safeParse({ userType: 'non_practising', username: '  ', password: 'x', captchaId: 'c', captchaCode: 'abcd' })
    expect(fieldErrors(LoginRequest, result.error!)).toEqual({ username: '请填写用户名' })
  })
})

describe('own messages', () => {
  it('uses a Chinese message written on the schema, but not zod’s own text quoting Chinese options', () => {
    const schema = z.object({
      degree: labelled(z.enum(['博士', '硕士']), '学位'),
      englishName: labelled(z.string().regex(/^[A-Za-z ]+$/, { message: '英文姓名请使用英文填写' }), '英文姓名'),
    })
    const result = schema.safeParse({ degree: '学士', englishName: '王芳' })
    expect(fieldErrors(schema, result.error!)).toEqual({ degree: '请选择有效的学位', englishName: '英文姓名请使用英文填写' })
  })
})
