import { dynamoFigures } from '../adapters/figures'
import { dynamoInbox } from '../adapters/pending'
import { workbenchRoutes } from '../../shared/api/routes/workbench'
import { lambdaForGroup } from '../http/route-handler'
import { yearFigures } from '../usecases/figures'
import { handledItems, inboxCount, inboxItems, inboxSummary, type InboxDeps } from '../usecases/inbox'

const deps = (): InboxDeps => ({ inbox: dynamoInbox })

export const handler = lambdaForGroup('staff', workbenchRoutes, {
  inbox: ({ caller }) => inboxSummary(deps(), caller),
  inboxItems: ({ caller, params, query }) => inboxItems(deps(), caller, params.kind, query),
  inboxCount: ({ caller, params, query }) => inboxCount(deps(), caller, params.kind, query),
  handled: ({ caller, query }) => handledItems(deps(), caller, query),
  figures: ({ caller, query }) => yearFigures({ figures: dynamoFigures }, caller, query.year),
})
