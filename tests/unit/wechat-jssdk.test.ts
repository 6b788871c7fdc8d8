import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { jsapiTicketCache, jssdk, jssdkSignature, wechatJssdk } from '../../functions/adapters/wechat-jssdk'
import { AppError } from '../../functions/usecases/errors'
import { jssdkConfig, signableUrl } from '../../functions/usecases/wechat-jssdk'
import { startTestStack } from '../support/stack'

describe('JS-SDK signature (附录1 JS-SDK使用权限签名算法)', () => {
  it("matches the documentation's example", () => {
    expect(
      jssdkSignature({
        jsapi_ticket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
        noncestr: 'Wm3WZYTPz0wzccnW',
        timestamp: 1414587457,
        url: 'http://mp.weixin.qq.com?params=value',
      }),
    ).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed')
  })
})

describe('which pages are signed', () => {
  const origin = 'https://m.example-cicpa-member.cn'

  it('signs this deployment’s pages, without the #fragment the H5 router lives in', () => {
    expect(signableUrl(`${origin}/?from=menu#/subpackages/staff/inbox/index`, origin)).toBe(`${origin}/?from=menu`)
    expect(signableUrl(`${origin}/`, origin)).toBe(`${origin}/`)
  })

  it.each([
    ['https://evil.example.com/', '页面地址不属于本系统，无法签名'],
    ['https://m.example-cicpa-member.cn.evil.com/', '页面地址不属于本系统，无法签名'],
    ['https://m.example-cicpa-member.cn@evil.com/', '页面地址不属于本系统，无法签名'],
    ['http://m.example-cicpa-member.cn/', '页面地址不属于本系统，无法签名'],
    ['javascript:alert(1)', '页面地址不属于本系统，无法签名'],
    ['not a url', '页面地址格式不正确'],
  ])('refuses %s', (url, message) => {
    let thrown: unknown
    try {
      signableUrl(url, origin)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(AppError)
    expect(thrown).toMatchObject({ code: 'VALIDATION_FAILED', message, fieldErrors: { url: message } })
  })
})

describe('jsapi_ticket', () => {
  // The ticket and its token are kept in the table (adapters/wechat-credentials.ts): each test its own account.
  let stack: Awaited<ReturnType<typeof startTestStack>>
  beforeAll(async () => {
    stack = await startTestStack()
  })
  afterAll(() => stack?.stop())
  let appId = ''
  beforeEach(() => {
    appId = `wxoa${randomUUID().slice(0, 8)}`
  })
  const account = () => ({ appId, appSecret: 'oa-secret' })

  function fakeWechat(answers: Record<string, unknown[]>) {
    const calls: string[] = []
    const fetchImpl = (async (url: string) => {
      calls.push(url)
      // Answer on a later turn, so callers asking at the same time are all waiting.
      await new Promise((resolve) => setTimeout(resolve, 5))
      return new Response(JSON.stringify(answers[new URL(url).pathname]!.shift()), { status: 200 })
    }) as typeof fetch
    return { calls, fetchImpl }
  }

  it('is fetched once for callers asking at the same time, kept until shortly before it expires, then fetched again', async () => {
    const { calls, fetchImpl } = fakeWechat({
      '/cgi-bin/token': [
        { access_token: 'OA-TOKEN', expires_in: 7200 },
        { access_token: 'OA-TOKEN-2', expires_in: 7200 },
      ],
      '/cgi-bin/ticket/getticket': [
        { errcode: 0, errmsg: 'ok', ticket: 'TICKET-1', expires_in: 7200 },
        { errcode: 0, errmsg: 'ok', ticket: 'TICKET-2', expires_in: 7200 },
      ],
    })
    let now = 1_000_000
    const ticket = jsapiTicketCache(account, fetchImpl, { now: () => now })
    expect(await Promise.all([ticket.get(), ticket.get(), ticket.get()])).toEqual(['TICKET-1', 'TICKET-1', 'TICKET-1'])
    expect(calls).toEqual([
      `https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=oa-secret`,
      'https://api.weixin.qq.com/cgi-bin/ticket/getticket?access_token=OA-TOKEN&type=jsapi',
    ])
    now += (7200 - 301) * 1000
    expect(await ticket.get()).toBe('TICKET-1')
    now += 2000
    expect(await ticket.get()).toBe('TICKET-2')
    expect(calls).toHaveLength(4)
    expect(calls[2]).toContain('/cgi-bin/token')
  })

  it('fetches a new access_token once when WeChat says it went stale, and reports other errors', async () => {
    const { calls, fetchImpl } = fakeWechat({
      '/cgi-bin/token': [
        { access_token: 'OLD', expires_in: 7200 },
        { access_token: 'NEW', expires_in: 7200 },
        { access_token: 'NEWER', expires_in: 7200 },
      ],
      '/cgi-bin/ticket/getticket': [
        { errcode: 42001, errmsg: 'access_token expired' },
        { errcode: 0, ticket: 'T', expires_in: 7200 },
        { errcode: 40164, errmsg: 'invalid ip' },
      ],
    })
    let now = 0
    const ticket = jsapiTicketCache(account, fetchImpl, { now: () => now })
    expect(await ticket.get()).toBe('T')
    expect(calls.map((url) => new URL(url).searchParams.get('access_token')).filter(Boolean)).toEqual(['OLD', 'NEW'])
    now += 7200 * 1000
    await expect(ticket.get()).rejects.toThrow('40164')
  })

  it("signs a page's config with the official account's appId and ticket", async () => {
    const { fetchImpl } = fakeWechat({
      '/cgi-bin/token': [{ access_token: 'A', expires_in: 7200 }],
      '/cgi-bin/ticket/getticket': [{ errcode: 0, ticket: 'TICKET', expires_in: 7200 }],
    })
    const config = await wechatJssdk(account, fetchImpl).configFor('https://m.example-cicpa-member.cn/', 1414587457)
    expect(config).toMatchObject({ appId, timestamp: 1414587457 })
    expect(config.nonceStr).toMatch(/^[\w-]{16}$/)
    expect(config.signature).toBe(
      jssdkSignature({ jsapi_ticket: 'TICKET', noncestr: config.nonceStr, timestamp: 1414587457, url: 'https://m.example-cicpa-member.cn/' }),
    )
  })
})

describe('local JS-SDK', () => {
  it("signs with the local ticket, and the simulation's wx.config accepts only the page that was signed", async () => {
    const previous = process.env.DELIVERY_MODE
    process.env.DELIVERY_MODE = 'outbox'
    try {
      const { signer, simulation } = jssdk()
      const at = new Date('2030-01-02T03:04:05Z')
      const page = 'http://127.0.0.1:8080/?x=1#/subpackages/staff/inbox/index'
      const config = await jssdkConfig({ signer, clock: { now: () => at }, h5Origin: 'http://127.0.0.1:8080' }, page)
      expect(config).toMatchObject({ appId: 'local-official-account', timestamp: at.getTime() / 1000, scriptUrl: '/dev/jweixin-simulated.js' })
      expect(simulation!.check({ ...config, url: 'http://127.0.0.1:8080/?x=1' })).toBe('config:ok')
      expect(simulation!.check({ ...config, url: 'http://127.0.0.1:8080/?x=2' })).toBe('config:invalid signature')
      expect(simulation!.check({ ...config, url: 'http://127.0.0.1:8080/?x=1', timestamp: config.timestamp + 1 })).toBe('config:invalid signature')
      expect(simulation!.check({ ...config, url: 'http://127.0.0.1:8080/?x=1', appId: 'wx123' })).toBe('config:invalid appid')
    } finally {
      process.env.DELIVERY_MODE = previous
    }
  })
})
