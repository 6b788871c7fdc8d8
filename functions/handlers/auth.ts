import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { coreRoutes } from '../../shared/api/routes/core'
import { lambdaForGroup } from '../http/route-handler'
import { changePassword, login, logout, refresh } from '../usecases/auth'

export const handler = lambdaForGroup('auth', coreRoutes, {
  login: ({ body, sourceIp }) => login(dynamoAccountStore, body, sourceIp),
  refresh: ({ body }) => refresh(dynamoAccountStore, body.refreshToken),
  logout: ({ caller }) => logout(dynamoAccountStore, caller),
  changePassword: ({ caller, body }) => changePassword(dynamoAccountStore, caller, body),
})
