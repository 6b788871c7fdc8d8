import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { lambdaForGroup } from '../http/route-handler'
import { myProfile } from '../usecases/profile'

export const handler = lambdaForGroup('account', {
  profile: ({ caller }) => myProfile(dynamoAccountStore, caller),
})
