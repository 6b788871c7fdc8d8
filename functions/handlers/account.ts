import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { coreRoutes } from '../../shared/api/routes/core'
import { lambdaForGroup } from '../http/route-handler'
import { myProfile } from '../usecases/profile'

export const handler = lambdaForGroup('account', coreRoutes, {
  profile: ({ caller }) => myProfile(dynamoAccountStore, caller),
})
