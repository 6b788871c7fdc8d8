import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { coreRoutes } from '../../shared/api/routes/core'
import { lambdaForGroup } from '../http/route-handler'
import { myProfile, type ProfileDeps } from '../usecases/profile'

const deps = (): ProfileDeps => ({ accounts: dynamoAccountStore })

export const handler = lambdaForGroup('account', coreRoutes, {
  profile: ({ caller }) => myProfile(deps(), caller),
})
