import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { localOutbox } from '../adapters/delivery'
import { lambdaForGroup } from '../http/route-handler'
import { changePassword, login, logout, refresh } from '../usecases/auth'
import { createCaptcha } from '../usecases/captcha'

export const handler = lambdaForGroup('auth', {
  captcha: () => createCaptcha(localOutbox()),
  login: ({ body }) => login(dynamoAccountStore, body),
  refresh: ({ body }) => refresh(dynamoAccountStore, body.refreshToken),
  logout: ({ caller }) => logout(dynamoAccountStore, caller),
  changePassword: ({ caller, body }) => changePassword(dynamoAccountStore, caller, body),
})
