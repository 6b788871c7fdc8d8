import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { dynamoCaptchas } from '../adapters/captcha-dynamo'
import { clock } from '../adapters/clock'
import { decoyPasswordHash } from '../auth/passwords'
import { dynamoRateLimits } from '../adapters/rate-limit'
import { coreRoutes } from '../../shared/api/routes/core'
import { lambdaForGroup } from '../http/route-handler'
import { changePassword, login, logout, refresh, type AuthDeps } from '../usecases/auth'

// Made at init, on the threadpool: the first unknown name must not pay for it (its timing would tell).
decoyPasswordHash().catch(() => undefined)

const deps = (): AuthDeps => ({ accounts: dynamoAccountStore, captchas: dynamoCaptchas, rateLimits: dynamoRateLimits, clock })

export const handler = lambdaForGroup('auth', coreRoutes, {
  login: ({ body, sourceIp }) => login(deps(), body, sourceIp),
  refresh: ({ body }) => refresh(deps(), body.refreshToken),
  logout: ({ caller }) => logout(deps(), caller),
  changePassword: ({ caller, body }) => changePassword(deps(), caller, body),
})
