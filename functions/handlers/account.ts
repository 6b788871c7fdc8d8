import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { clock } from '../adapters/clock'
import { messaging } from '../adapters/messaging'
import { dynamoSubscriptionCredits } from '../adapters/subscriptions-dynamo'
import { coreRoutes } from '../../shared/api/routes/core'
import { subscriptionRoutes } from '../../shared/api/routes/subscriptions'
import { lambdaForGroup } from '../http/route-handler'
import { myProfile, type ProfileDeps } from '../usecases/profile'
import { recordConsent, subscriptionTemplates, type ConsentDeps } from '../usecases/subscriptions'

const deps = (): ProfileDeps & ConsentDeps => ({ accounts: dynamoAccountStore, wechat: messaging().wechat, credits: dynamoSubscriptionCredits, clock })

export const handler = lambdaForGroup(
  'account',
  { ...coreRoutes, ...subscriptionRoutes },
  {
    profile: ({ caller }) => myProfile(deps(), caller),
    subscriptionTemplates: async () => subscriptionTemplates(messaging().wechat),
    subscribe: ({ caller, body }) => recordConsent(deps(), caller, body.results),
  },
)
