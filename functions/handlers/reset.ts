import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { clock } from '../adapters/clock'
import { operationsLog } from '../adapters/logger'
import { messaging } from '../adapters/messaging'
import { dynamoRateLimits } from '../adapters/rate-limit'
import { dynamoSubscriptionCredits } from '../adapters/subscriptions-dynamo'
import { dynamoAuditLog, dynamoOfficialAccountBindings, dynamoResetStore, dynamoWechatBindings } from '../adapters/reset-dynamo'
import { dynamoMemberAuthorizationStates } from '../adapters/authorization-states'
import { officialAccountFollowUrl, webAuthorization } from '../adapters/wechat-oauth'
import { jssdk } from '../adapters/wechat-jssdk'
import { config } from '../config'
import { AppError } from '../usecases/errors'
import { jssdkConfig } from '../usecases/wechat-jssdk'
import { resetRoutes } from '../../shared/api/routes/reset'
import { authorizePayer } from '../usecases/payment-orders'
import { lambdaForGroup } from '../http/route-handler'
import {
  acceptOfficialAccount,
  authorizeOfficialAccount,
  bindWechat,
  completeReset,
  sendResetCode,
  startReset,
  unbindWechat,
  verifyIdentity,
  verifyResetCode,
  wechatBinding,
  wechatLogin,
  type ResetDeps,
} from '../usecases/reset'

const deps = (): ResetDeps => ({
  accounts: dynamoAccountStore,
  resets: dynamoResetStore,
  bindings: dynamoWechatBindings,
  officialAccountBindings: dynamoOfficialAccountBindings,
  webAuthorization: webAuthorization(),
  officialAccountFollowUrl: () => officialAccountFollowUrl(),
  credits: dynamoSubscriptionCredits,
  audit: dynamoAuditLog,
  messaging: messaging(),
  log: operationsLog,
  rateLimits: dynamoRateLimits,
  clock,
})

export const handler = lambdaForGroup('reset', resetRoutes, {
  resetStart: ({ body, sourceIp }) => startReset(deps(), body, sourceIp),
  resetSendCode: ({ body }) => sendResetCode(deps(), body),
  resetVerifyCode: ({ body }) => verifyResetCode(deps(), body),
  resetVerifyIdentity: ({ body }) => verifyIdentity(deps(), body),
  resetPassword: ({ body, requestId, sourceIp }) => completeReset(deps(), body, { requestId, sourceIp }),
  resetWechatAuthorize: ({ body }) => authorizeOfficialAccount(deps(), body),
  resetWechatAuthorized: ({ body }) => acceptOfficialAccount(deps(), body),
  payerWechatAuthorize: ({ caller, body }) => authorizePayer({ ...deps(), states: dynamoMemberAuthorizationStates }, caller, body.redirectUri),
  wechatOptions: async () => ({ localFake: messaging().identity.isLocalFake }),
  wechatLogin: ({ body }) => wechatLogin(deps(), body.code),
  wechatBinding: ({ caller }) => wechatBinding(deps(), caller),
  wechatBind: ({ caller, body, requestId, sourceIp }) => bindWechat(deps(), caller, body.code, { requestId, sourceIp }),
  wechatUnbind: ({ caller, requestId, sourceIp }) => unbindWechat(deps(), caller, { requestId, sourceIp }),
  wechatJssdkConfig: ({ query }) => jssdkConfig({ signer: jssdk().signer, clock, h5Origin: config.h5Origin }, query.url),
  devJssdkCheck: async ({ body }) => {
    const simulation = jssdk().simulation
    if (!simulation) throw new AppError('NOT_FOUND', '接口不存在')
    return { errMsg: simulation.check(body) }
  },
})
