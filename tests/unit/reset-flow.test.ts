import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { ResetStartResponse } from '../../shared/api/reset-schemas'
import { ROOT } from '../../scripts/local-settings'
import { initialResetState, resetReducer, type ResetAction, type ResetState } from '../../miniprogram/src/subpackages/reset/flow'

const DIR = `${ROOT}/miniprogram/src/subpackages/reset`

const flow = (wechatBound: boolean): ResetStartResponse => ({
  resetId: 'r'.repeat(16),
  phoneMasked: '139****2345',
  wechatBound,
  proofTypes: ['email', 'certificateNo', 'archiveUnit'],
  expiresInSeconds: 1800,
})

const play = (...actions: ResetAction[]) => actions.reduce(resetReducer, initialResetState('cpa'))

describe('找回密码 page state', () => {
  it('opens the verify step on the bound WeChat when there is one, else on the phone, with the first proof chosen', () => {
    const typed = play({ type: 'edit', fields: { memberNo: '310000120005', proofType: 'workUnit' } })
    const wechat = resetReducer(typed, { type: 'started', flow: flow(true) })
    expect(wechat).toMatchObject({
      step: 'verify',
      method: 'wechat',
      codeSent: false,
      fields: { userType: 'cpa', memberNo: '310000120005', proofType: 'email' },
    })
    expect(resetReducer(typed, { type: 'started', flow: flow(false) })).toMatchObject({ step: 'verify', method: 'sms' })
  })

  it('drops a typed code and its errors when the channel changes', () => {
    const state = play(
      { type: 'started', flow: flow(true) },
      { type: 'codeSent' },
      { type: 'edit', fields: { code: '123456' } },
      { type: 'failed', message: '验证码错误', fieldErrors: { code: '验证码错误' } },
      { type: 'chooseMethod', method: 'sms' },
    )
    expect(state).toMatchObject({ step: 'verify', method: 'sms', codeSent: false, errors: {}, formError: '', fields: { code: '' } })
  })

  it('shows field errors under the fields and anything else above the button', () => {
    const started = play({ type: 'started', flow: flow(false) })
    expect(resetReducer(started, { type: 'failed', message: '手机号码格式不正确', fieldErrors: { phone: '手机号码格式不正确' } })).toMatchObject({
      errors: { phone: '手机号码格式不正确' },
      formError: '',
    })
    expect(resetReducer(started, { type: 'failed', message: '系统繁忙，请稍后再试', fieldErrors: {} })).toMatchObject({
      errors: {},
      formError: '系统繁忙，请稍后再试',
    })
  })

  it('goes back to the member number, keeping it, when the server no longer knows the flow', () => {
    const state = play(
      { type: 'edit', fields: { memberNo: '310000120005' } },
      { type: 'started', flow: flow(false) },
      { type: 'sending' },
      { type: 'edit', fields: { code: '123456' } },
      { type: 'failed', message: '找回密码已超时，请重新开始', fieldErrors: { resetId: '找回密码已超时，请重新开始' } },
      { type: 'settled' },
    )
    expect(state).toEqual<ResetState>({
      ...initialResetState('cpa'),
      fields: { ...initialResetState('cpa').fields, memberNo: '310000120005' },
      formError: '找回密码已超时，请重新开始',
    })
  })

  it('reaches 重置密码 only from a verified flow, and 完成 only from there', () => {
    expect(play({ type: 'verified' }).step).toBe('account')
    const password = play({ type: 'started', flow: flow(false) }, { type: 'invalid', errors: { code: '请填写验证码' } }, { type: 'verified' })
    expect(password).toMatchObject({ step: 'password', errors: {}, flow: flow(false), officialAccount: 'idle' })
    const result = { username: '310000120005', wechat: 'none', officialAccount: 'bound', followQr: null } as const
    expect(resetReducer(password, { type: 'reset', result })).toMatchObject({ step: 'done', result })
  })

  it('comes back from WeChat to 重置密码 with only the member number kept, and asks WeChat once', () => {
    const back = play({ type: 'returned', flow: flow(false), userType: 'cpa', memberNo: '310000120005', officialAccount: 'authorized', message: '' })
    expect(back).toMatchObject({
      step: 'password',
      officialAccount: 'authorized',
      fields: { memberNo: '310000120005', newPassword: '', name: '', idNumber: '' },
    })
    const password = play({ type: 'started', flow: flow(false) }, { type: 'verified' })
    expect(resetReducer(password, { type: 'authorizationFailed' })).toMatchObject({ step: 'password', officialAccount: 'failed' })
  })
})

describe('找回密码 page layout', () => {
  it('keeps the page thin: one reducer, each step in a file of its own', () => {
    const page = readFileSync(`${DIR}/index/index.tsx`, 'utf8')
    expect(page).not.toMatch(/useState/)
    expect(page).toMatch(/useReducer\(resetReducer/)
    expect(page.split('\n').length).toBeLessThan(60)
    const files = readdirSync(DIR)
    for (const step of ['AccountStep', 'VerifyStep', 'PasswordStep', 'DoneStep']) {
      expect(files).toContain(`${step}.tsx`)
      expect(page).toContain(`from '../${step}'`)
    }
  })
})
