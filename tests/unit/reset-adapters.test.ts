import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { sendSmsRequest, signAliyunRpc } from '../../functions/adapters/sms'
import { localOpenid, localWechatIdentity, wechatApi } from '../../functions/adapters/wechat'
import { proofTypesFor } from '../../shared/api/reset-schemas'
import { startTestStack } from '../support/stack'

describe('Aliyun SMS signature (RPC, HMAC-SHA1)', () => {
  it('reproduces the example of Aliyun\'s "HTTP 协议及签名" documentation', () => {
    const params = {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    }
    expect(signAliyunRpc('GET', params, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=')
  })

  it('builds a SendSms body carrying the code as the template parameter and a matching signature', () => {
    const settings = { accessKeyId: 'id', accessKeySecret: 'secret', signName: '中注协', templateCode: 'SMS_1' }
    const body = new URLSearchParams(sendSmsRequest(settings, '13812348628', '123456', new Date('2026-11-27T01:02:03.456Z'), 'nonce-1'))
    expect(body.get('Action')).toBe('SendSms')
    expect(body.get('PhoneNumbers')).toBe('13812348628')
    expect(body.get('TemplateParam')).toBe('{"code":"123456"}')
    expect(body.get('Timestamp')).toBe('2026-11-27T01:02:03Z')
    const { Signature, ...signed } = Object.fromEntries(body)
    expect(Signature).toBe(signAliyunRpc('POST', signed, 'secret'))
  })
})

describe('WeChat server API', () => {
  // The access_token is kept in the table (adapters/wechat-credentials.ts): each test its own app.
  let stack: Awaited<ReturnType<typeof startTestStack>>
  beforeAll(async () => {
    stack = await startTestStack()
  })
  afterAll(() => stack?.stop())
  let appId = ''
  beforeEach(() => {
    appId = `wxapp${randomUUID().slice(0, 8)}`
  })
  const settings = () => ({ appId, appSecret: 'shh', templateIds: { code: 'TPL', decision: 'DECIDED', reminder: 'REMIND' } })

  function fakeWechat(answers: Record<string, unknown[]>) {
    const calls: { url: string; body?: string }[] = []
    const fetchImpl = (async (url: string, init?: RequestInit) => {
      calls.push({ url, body: init?.body as string | undefined })
      const path = new URL(url).pathname
      const answer = answers[path]!.shift()
      return new Response(JSON.stringify(answer), { status: 200 })
    }) as typeof fetch
    return { calls, api: wechatApi(settings, fetchImpl) }
  }

  it('caches the access_token and sends a subscription message with the code', async () => {
    const { calls, api } = fakeWechat({
      '/cgi-bin/token': [{ access_token: 'T1', expires_in: 7200 }],
      '/cgi-bin/message/subscribe/send': [
        { errcode: 0, errmsg: 'ok' },
        { errcode: 0, errmsg: 'ok' },
      ],
    })
    await api.messenger.send('openid-1', { template: 'code', code: '654321' })
    await api.messenger.send('openid-1', { template: 'code', code: '111222' })
    expect(calls.filter((call) => call.url.includes('/cgi-bin/token'))).toHaveLength(1)
    expect(calls[0]!.url).toBe(`https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=shh`)
    expect(calls[1]!.url).toBe('https://api.weixin.qq.com/cgi-bin/message/subscribe/send?access_token=T1')
    expect(JSON.parse(calls[1]!.body!)).toMatchObject({ touser: 'openid-1', template_id: 'TPL', data: { character_string1: { value: '654321' } } })
  })

  it('fetches a new token once when WeChat says the old one expired, and reports other errors', async () => {
    const { calls, api } = fakeWechat({
      '/cgi-bin/token': [
        { access_token: 'OLD', expires_in: 7200 },
        { access_token: 'NEW', expires_in: 7200 },
      ],
      '/cgi-bin/message/subscribe/send': [
        { errcode: 42001, errmsg: 'access_token expired' },
        { errcode: 0 },
        { errcode: 43101, errmsg: 'user refuse to accept the msg' },
      ],
    })
    await api.messenger.send('openid-1', { template: 'code', code: '654321' })
    expect(calls.map((call) => new URL(call.url).searchParams.get('access_token')).filter(Boolean)).toEqual(['OLD', 'NEW'])
    await expect(api.messenger.send('openid-1', { template: 'code', code: '654321' })).rejects.toThrow('43101')
  })

  it('turns a login code into an openid with jscode2session, and a refused code into null', async () => {
    const { calls, api } = fakeWechat({
      '/sns/jscode2session': [
        { openid: 'o-123', session_key: 'k' },
        { errcode: 40029, errmsg: 'invalid code' },
      ],
    })
    expect(await api.identity.openidForCode('CODE1')).toBe('o-123')
    expect(calls[0]!.url).toBe(`https://api.weixin.qq.com/sns/jscode2session?appid=${appId}&secret=shh&js_code=CODE1&grant_type=authorization_code`)
    expect(await api.identity.openidForCode('CODE2')).toBeNull()
  })

  it('locally maps local:<user> codes to a stable openid and refuses the rest', async () => {
    expect(await localWechatIdentity.openidForCode('local:wangfang')).toBe(localOpenid('wangfang'))
    expect(await localWechatIdentity.openidForCode('local:wangfang')).toBe(await localWechatIdentity.openidForCode('local:wangfang'))
    expect(await localWechatIdentity.openidForCode('local:other')).not.toBe(localOpenid('wangfang'))
    expect(await localWechatIdentity.openidForCode('081xYz000abc')).toBeNull()
    expect(await localWechatIdentity.openidForCode('local:../x')).toBeNull()
  })
})

describe('proof types (seed 003, 1-9)', () => {
  it('offers 档案存放单位 to practising CPAs and 工作单位 to non-practising members', () => {
    expect(proofTypesFor('cpa')).toEqual(['email', 'certificateNo', 'archiveUnit'])
    expect(proofTypesFor('non_practising')).toEqual(['email', 'certificateNo', 'workUnit'])
  })
})

describe('stand-in facts for unknown member numbers', () => {
  it('are stable per number, shaped like a masked phone, and "bound" about a third of the time', async () => {
    process.env.JWT_SECRET ??= 'unit-test-secret-that-is-long-enough-1234'
    const { standInFacts } = await import('../../functions/usecases/reset')
    expect(standInFacts('non_practising', '330000269999')).toEqual(standInFacts('non_practising', '330000269999'))
    const many = Array.from({ length: 300 }, (_, index) => standInFacts('non_practising', `3300002${String(index).padStart(5, '0')}`))
    for (const facts of many) expect(facts.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/)
    expect(new Set(many.map((facts) => facts.phoneMasked)).size).toBeGreaterThan(250)
    const bound = many.filter((facts) => facts.wechatBound).length
    expect(bound).toBeGreaterThan(60)
    expect(bound).toBeLessThan(140)
  })
})
