import { dynamoInbox } from '../adapters/pending'
import { coreRoutes } from '../../shared/api/routes/core'
import { lambdaForGroup } from '../http/route-handler'
import { inboxItems, inboxSummary, type InboxDeps } from '../usecases/inbox'

const deps = (): InboxDeps => ({ inbox: dynamoInbox })

export const handler = lambdaForGroup('staff', coreRoutes, {
  inbox: ({ caller }) => inboxSummary(deps(), caller),
  inboxItems: ({ caller, params }) => inboxItems(deps(), caller, params.kind),
})
