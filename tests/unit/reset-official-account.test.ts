import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { clock } from '../../functions/adapters/clock'
import { localOfficialAccountOpenid, localWebAuthorization, wechatWebAuthorization } from '../../functions/adapters/wechat-oauth'
import type { ResetSession, ResetStore } from '../../functions/ports/reset'
import { acceptOfficialAccount, authorizeOfficialAccount } from '../../functions/usecases/reset'
import { AppError } from '../../functions/usecases/errors'
import { OA_STATE_SECONDS } from '../../shared/api/reset-schemas'

const hashOf = (resetId: string) => createHash('sha256').update(resetId).digest('base64url')

/** Sessions in memory, with the store's conditions on the web-authorization state. */
function memoryResets() {
  const sessions = new Map<string, ResetSession>()
  const unused = (): never => {
    throw new Error('not used here')
  }
  const store: ResetStore = {
    async create(session) {
      sessions.set(session.resetIdHash, { ...session })
    },
    async get(resetIdHash) {
      const session = sessions.get(resetIdHash)
      return session && { ...session }
    },
    async issueOfficialAccountState(session, state) {
      const current = sessions.get(session.resetIdHash)!
      if (!current.verifiedBy || current.completedAt) throw new Error('stale')
      sessions.set(session.resetIdHash, { ...current, oaStateHash: state.hash, oaStateExpiresAt: state.expiresAt })
    },
    async acceptOfficialAccount(session, { stateHash, openid, now }) {
      const current = sessions.get(session.resetIdHash)!
      if (current.oaStateHash !== stateHash || (current.oaStateExpiresAt ?? 0) <= now || current.completedAt) return false
      const { oaStateHash: _hash, oaStateExpiresAt: _expires, ...rest } = current
      sessions.set(session.resetIdHash, { ...rest, oaOpenid: openid })
      return true
    },
    storeCode: unused,
    recordCodeAttempt: unused,
    recordIdentityAttempt: unused,
    complete: unused,
  }
  return { sessions, store }
}

function harness() {
  let now = clock.now()
  const { sessions, store } = memoryResets()
  const deps = { resets: store, webAuthorization: localWebAuthorization, clock: { now: () => now } }
  async function verifiedReset(resetId: string) {
    await store.create({
      resetIdHash: hashOf(resetId),
      userType: 'non_practising',
      memberNo: '330000260001',
      accountId: 'non_practising#330000260001',
      salt: 's',
      createdAt: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + 1800,
      codeAttempts: 0,
      identityAttempts: 0,
      verifiedBy: 'sms',
    })
    const { authorizeUrl } = await authorizeOfficialAccount(deps, { resetId, redirectUri: 'http://127.0.0.1:8080/#/subpackages/reset/index/index' })
    return { resetId, state: new URL(authorizeUrl).searchParams.get('state')! }
  }
  return {
    deps,
    sessions,
    verifiedReset,
    later: (seconds: number) => {
      now = new Date(now.getTime() + seconds * 1000)
    },
  }
}

async function refusal(promise: Promise<unknown>): Promise<{ message: string; fieldErrors?: Record<string, string> }> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

describe('公众号网页授权 state of a reset', () => {
  it('is unguessable, WeChat-safe, kept only as a hash, and accepted once with its own reset', async () => {
    const { deps, sessions, verifiedReset } = harness()
    const { resetId, state } = await verifiedReset('reset-a-0123456789')
    expect(state).toMatch(/^[0-9a-f]{64}$/)
    const stored = sessions.get(hashOf(resetId))!
    expect(JSON.stringify(stored)).not.toContain(state)

    await expect(acceptOfficialAccount(deps, { resetId, code: 'local-oa:zhang', state })).resolves.toEqual({ authorized: true })
    expect(sessions.get(hashOf(resetId))).toMatchObject({ oaOpenid: localOfficialAccountOpenid('zhang') })
    expect(sessions.get(hashOf(resetId))?.oaStateHash).toBeUndefined()
  })

  it('refuses a forged state', async () => {
    const { deps, verifiedReset } = harness()
    const { resetId } = await verifiedReset('reset-a-0123456789')
    const refused = await refusal(acceptOfficialAccount(deps, { resetId, code: 'local-oa:zhang', state: 'f'.repeat(64) }))
    expect(refused.fieldErrors).toEqual({ state: '微信授权状态无效或已使用，请重新授权' })
  })

  it('refuses a state used once already', async () => {
    const { deps, verifiedReset } = harness()
    const { resetId, state } = await verifiedReset('reset-a-0123456789')
    await acceptOfficialAccount(deps, { resetId, code: 'local-oa:zhang', state })
    const refused = await refusal(acceptOfficialAccount(deps, { resetId, code: 'local-oa:mallory', state }))
    expect(refused.message).toBe('微信授权状态无效或已使用，请重新授权')
  })

  it('accepts one of two returns with the same state at once', async () => {
    const { deps, sessions, verifiedReset } = harness()
    const { resetId, state } = await verifiedReset('reset-a-0123456789')
    const results = await Promise.allSettled([
      acceptOfficialAccount(deps, { resetId, code: 'local-oa:zhang', state }),
      acceptOfficialAccount(deps, { resetId, code: 'local-oa:mallory', state }),
    ])
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect([localOfficialAccountOpenid('zhang'), localOfficialAccountOpenid('mallory')]).toContain(sessions.get(hashOf(resetId))?.oaOpenid)
  })

  it(`refuses a state after ${OA_STATE_SECONDS / 60} minutes`, async () => {
    const { deps, later, verifiedReset } = harness()
    const { resetId, state } = await verifiedReset('reset-a-0123456789')
    later(OA_STATE_SECONDS)
    const refused = await refusal(acceptOfficialAccount(deps, { resetId, code: 'local-oa:zhang', state }))
    expect(refused.fieldErrors).toEqual({ state: '微信授权已超时，请重新授权' })
  })

  it("refuses another reset's state", async () => {
    const { deps, sessions, verifiedReset } = harness()
    const mine = await verifiedReset('reset-a-0123456789')
    const theirs = await verifiedReset('reset-b-0123456789')
    const refused = await refusal(acceptOfficialAccount(deps, { resetId: mine.resetId, code: 'local-oa:mallory', state: theirs.state }))
    expect(refused.message).toBe('微信授权状态无效或已使用，请重新授权')
    expect(sessions.get(hashOf(mine.resetId))?.oaOpenid).toBeUndefined()
  })

  it('refuses a code WeChat does not know, keeping the state for a retry of the exchange', async () => {
    const { deps, verifiedReset } = harness()
    const { resetId, state } = await verifiedReset('reset-a-0123456789')
    const refused = await refusal(acceptOfficialAccount(deps, { resetId, code: 'made-up', state }))
    expect(refused.fieldErrors).toEqual({ code: '微信授权失败，请重新授权' })
    await expect(acceptOfficialAccount(deps, { resetId, code: 'local-oa:zhang', state })).resolves.toEqual({ authorized: true })
  })

  it('hands out no state before the member is verified', async () => {
    const { deps } = harness()
    await deps.resets.create({
      resetIdHash: hashOf('reset-c-0123456789'),
      userType: 'non_practising',
      memberNo: '330000260001',
      salt: 's',
      createdAt: deps.clock.now().toISOString(),
      expiresAt: Math.floor(deps.clock.now().getTime() / 1000) + 1800,
      codeAttempts: 0,
      identityAttempts: 0,
    })
    const refused = await refusal(authorizeOfficialAccount(deps, { resetId: 'reset-c-0123456789', redirectUri: 'http://127.0.0.1:8080/' }))
    expect(refused.message).toBe('请先完成身份验证')
  })
})

describe('WeChat web authorization (real adapter)', () => {
  const settings = () => ({ appId: 'wxoa', appSecret: 'oa-secret' })

  it('builds the documented authorize link, parameters in WeChat order, ending in #wechat_redirect', () => {
    const url = wechatWebAuthorization(settings).authorizeUrl('https://m.example.cn/#/subpackages/reset/index/index', 'abc123')
    expect(url).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=wxoa&redirect_uri=https%3A%2F%2Fm.example.cn%2F%23%2Fsubpackages%2Freset%2Findex%2Findex&response_type=code&scope=snsapi_base&state=abc123#wechat_redirect',
    )
  })

  it('exchanges the code at sns/oauth2/access_token, and takes no openid from an error or a 快照页 visitor', async () => {
    const answers = [
      { access_token: 'AT', expires_in: 7200, openid: 'oOA-1', scope: 'snsapi_base' },
      { errcode: 40163, errmsg: 'code been used' },
      { openid: 'oVirtual', is_snapshotuser: 1 },
    ]
    const urls: string[] = []
    const fetchImpl = (async (url: string) => {
      urls.push(url)
      return new Response(JSON.stringify(answers.shift()), { status: 200 })
    }) as typeof fetch
    const oauth = wechatWebAuthorization(settings, fetchImpl)
    expect(await oauth.openidForCode('CODE1')).toBe('oOA-1')
    expect(await oauth.openidForCode('CODE1')).toBeNull()
    expect(await oauth.openidForCode('CODE2')).toBeNull()
    const first = new URL(urls[0]!)
    expect(`${first.origin}${first.pathname}`).toBe('https://api.weixin.qq.com/sns/oauth2/access_token')
    expect(Object.fromEntries(first.searchParams)).toEqual({ appid: 'wxoa', secret: 'oa-secret', code: 'CODE1', grant_type: 'authorization_code' })
  })

  it('locally sends the page to the simulation on its own origin, whose codes map to stable openids', async () => {
    const url = new URL(localWebAuthorization.authorizeUrl('http://127.0.0.1:8080/#/subpackages/reset/index/index', 'abc'))
    expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:8080/dev/wechat-oauth/authorize')
    expect(url.searchParams.get('scope')).toBe('snsapi_base')
    expect(await localWebAuthorization.openidForCode('local-oa:wangfang')).toBe(localOfficialAccountOpenid('wangfang'))
    expect(await localWebAuthorization.openidForCode('local:wangfang')).toBeNull()
  })
})
