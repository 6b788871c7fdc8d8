import { randomUUID } from 'node:crypto'
import { GetCommand } from '../../functions/adapters/dynamo-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dynamo, keys } from '../../functions/adapters/dynamo'
import { exportUploads } from '../../functions/adapters/export-files'
import { s3 } from '../../functions/adapters/s3'
import { accessTokenCache, withAccessToken } from '../../functions/adapters/wechat'
import { jsapiTicketCache } from '../../functions/adapters/wechat-jssdk'
import { config } from '../../functions/config'
import { asFunction, enforceRoles } from '../../functions/local/iam-emulation'
import { startTestStack } from '../support/stack'

let stack: Awaited<ReturnType<typeof startTestStack>>
beforeAll(async () => {
  stack = await startTestStack()
  enforceRoles({ dynamo: dynamo(), s3: s3(), s3Uploads: exportUploads() })
})
afterAll(() => stack?.stop())

/** WeChat's token endpoint as the containers see it: every answer is a new token, counted. */
function fakeTokenEndpoint() {
  const issued: string[] = []
  let gate: Promise<void> = Promise.resolve()
  const fetchImpl = (async (url: string) => {
    expect(new URL(url).pathname).toBe('/cgi-bin/token')
    const token = `TOKEN-${issued.length + 1}`
    issued.push(token)
    await gate
    return new Response(JSON.stringify({ access_token: token, expires_in: 7200 }), { status: 200 })
  }) as typeof fetch
  return {
    issued,
    fetchImpl,
    /** Holds every answer until the returned function is called (a container stuck mid-fetch). */
    hold() {
      let open!: () => void
      gate = new Promise((resolve) => {
        open = resolve
      })
      return () => open()
    },
  }
}

/** One clock for all containers; waiting advances it, so a lease runs out without real waiting. */
function testClock() {
  const clock = {
    at: Date.now(),
    now: () => clock.at,
    async sleep(ms: number) {
      clock.at += ms
      await new Promise((resolve) => setTimeout(resolve, 5))
    },
  }
  return clock
}

const newApp = () => {
  const app = { appId: `wx${randomUUID().slice(0, 8)}`, appSecret: 'app-secret' }
  return () => app
}

const stored = async (appId: string) =>
  (await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.wechatCredential('access_token', appId), ConsistentRead: true }))).Item

describe('access_token shared by all containers (中控服务器)', () => {
  it('is fetched once when two containers ask at the same time, and kept in each container after that', async () => {
    const wechat = fakeTokenEndpoint()
    const app = newApp()
    const clock = testClock()
    const [first, second] = [accessTokenCache(app, wechat.fetchImpl, clock), accessTokenCache(app, wechat.fetchImpl, clock)]
    const answers = await Promise.all([
      asFunction('reset', () => first.get()),
      asFunction('inspection', () => second.get()),
      asFunction('inspection', () => second.get()),
    ])
    expect(answers).toEqual(['TOKEN-1', 'TOKEN-1', 'TOKEN-1'])
    expect(wechat.issued).toEqual(['TOKEN-1'])
    expect(await stored(app().appId)).toMatchObject({ value: 'TOKEN-1', generation: 1 })
    expect((await stored(app().appId))?.leaseHolder).toBeUndefined()
  })

  it('is fetched again once, by one container, five minutes before it expires', async () => {
    const wechat = fakeTokenEndpoint()
    const app = newApp()
    const clock = testClock()
    const [first, second] = [accessTokenCache(app, wechat.fetchImpl, clock), accessTokenCache(app, wechat.fetchImpl, clock)]
    await first.get()
    clock.at += (7200 - 301) * 1000
    expect(await Promise.all([first.get(), second.get()])).toEqual(['TOKEN-1', 'TOKEN-1'])
    clock.at += 2000
    // Whichever takes the lease renews it; the other, asking meanwhile, may still get the old one (it works for five more minutes).
    const answers = await Promise.all([first.get(), second.get()])
    expect(answers).toContain('TOKEN-2')
    expect(answers.every((answer) => answer === 'TOKEN-1' || answer === 'TOKEN-2')).toBe(true)
    expect(await Promise.all([first.get(), second.get()])).toEqual(['TOKEN-2', 'TOKEN-2'])
    expect(wechat.issued).toEqual(['TOKEN-1', 'TOKEN-2'])
    const item = await stored(app().appId)
    expect(item).toMatchObject({ value: 'TOKEN-2', generation: 2 })
    // The table forgets it (TTL) once WeChat no longer accepts it.
    expect(item?.expiresAt).toBe(Math.ceil(item?.validUntil / 1000))
  })

  it('is renewed once when WeChat refuses it, and containers refused the same token take the renewed one', async () => {
    const wechat = fakeTokenEndpoint()
    const app = newApp()
    const clock = testClock()
    const [first, second] = [accessTokenCache(app, wechat.fetchImpl, clock), accessTokenCache(app, wechat.fetchImpl, clock)]
    await Promise.all([first.get(), second.get()])
    const used: string[] = []
    const api = async (accessToken: string) => {
      used.push(accessToken)
      return accessToken === 'TOKEN-1' ? { errcode: 40001, errmsg: 'invalid credential' } : { errcode: 0 }
    }
    const answers = await Promise.all([withAccessToken(first, api), withAccessToken(second, api)])
    expect(answers).toEqual([{ errcode: 0 }, { errcode: 0 }])
    expect(wechat.issued).toEqual(['TOKEN-1', 'TOKEN-2'])
    expect(used.sort()).toEqual(['TOKEN-1', 'TOKEN-1', 'TOKEN-2', 'TOKEN-2'])
  })

  it('while one container renews it, the others keep using the old one during the overlap', async () => {
    const wechat = fakeTokenEndpoint()
    const app = newApp()
    const clock = testClock()
    const [first, second] = [accessTokenCache(app, wechat.fetchImpl, clock), accessTokenCache(app, wechat.fetchImpl, clock)]
    await first.get()
    clock.at += (7200 - 200) * 1000
    const release = wechat.hold()
    const renewing = first.get()
    await expect.poll(() => wechat.issued.length).toBe(2)
    expect(await second.get()).toBe('TOKEN-1')
    release()
    expect(await renewing).toBe('TOKEN-2')
    expect(await second.get()).toBe('TOKEN-2')
    expect(wechat.issued).toHaveLength(2)
  })

  it('is taken over by another container when the one renewing it died, and the dead one cannot overwrite it', async () => {
    const wechat = fakeTokenEndpoint()
    const app = newApp()
    const clock = testClock()
    const [dying, second] = [accessTokenCache(app, wechat.fetchImpl, clock), accessTokenCache(app, wechat.fetchImpl, clock)]
    const release = wechat.hold()
    const stuck = dying.get()
    await expect.poll(() => wechat.issued.length).toBe(1)
    expect((await stored(app().appId))?.leaseHolder).toEqual(expect.any(String))
    const startedWaiting = clock.at
    const takingOver = second.get()
    // The second one waits for the lease to run out (on the test clock), then fetches itself.
    await expect.poll(() => wechat.issued.length).toBe(2)
    release()
    expect(await takingOver).toBe('TOKEN-2')
    expect(clock.at - startedWaiting).toBeGreaterThanOrEqual(6_000)
    // The stuck container's token reaches its own caller, but the table keeps the one that took over.
    expect(await stuck).toBe('TOKEN-1')
    expect(await stored(app().appId)).toMatchObject({ value: 'TOKEN-2', generation: 1 })
  })

  it('lets the next container try at once after a failed fetch', async () => {
    const app = newApp()
    const clock = testClock()
    let calls = 0
    const failingOnce = (async () => {
      calls += 1
      return new Response(JSON.stringify(calls === 1 ? { errcode: -1, errmsg: 'system error' } : { access_token: 'GOOD', expires_in: 7200 }), { status: 200 })
    }) as typeof fetch
    const [first, second] = [accessTokenCache(app, failingOnce, clock), accessTokenCache(app, failingOnce, clock)]
    await expect(first.get()).rejects.toThrow('-1')
    const before = clock.at
    expect(await second.get()).toBe('GOOD')
    expect(clock.at).toBe(before)
  })

  it.each(['account', 'inspection', 'reset', 'certificate', 'education'])('is readable and renewable by the %s function (its IAM role)', async (group) => {
    const wechat = fakeTokenEndpoint()
    const token = accessTokenCache(newApp(), wechat.fetchImpl, testClock())
    await expect(asFunction(group, () => token.get())).resolves.toBe('TOKEN-1')
  })
})

describe('jsapi_ticket shared by all containers', () => {
  it('is fetched once with one access_token when two containers sign at the same time', async () => {
    const account = newApp()
    const calls: string[] = []
    const fetchImpl = (async (url: string) => {
      calls.push(new URL(url).pathname)
      await new Promise((resolve) => setTimeout(resolve, 5))
      const answer = url.includes('/cgi-bin/token') ? { access_token: 'OA-TOKEN', expires_in: 7200 } : { errcode: 0, ticket: 'TICKET-1', expires_in: 7200 }
      return new Response(JSON.stringify(answer), { status: 200 })
    }) as typeof fetch
    const clock = testClock()
    const [first, second] = [jsapiTicketCache(account, fetchImpl, clock), jsapiTicketCache(account, fetchImpl, clock)]
    expect(await Promise.all([asFunction('reset', () => first.get()), asFunction('reset', () => second.get())])).toEqual(['TICKET-1', 'TICKET-1'])
    expect(calls).toEqual(['/cgi-bin/token', '/cgi-bin/ticket/getticket'])
  })
})
