import { clock } from '../adapters/clock'
import { dynamoExportJobs } from '../adapters/exports-dynamo'
import { lambdaExportRunner } from '../adapters/lambda'
import { presignDownload } from '../adapters/uploads'
import { dynamoFigures } from '../adapters/figures'
import { dynamoInbox } from '../adapters/pending'
import { workbenchRoutes } from '../../shared/api/routes/workbench'
import { lambdaForGroup } from '../http/route-handler'
import { exportJob, recentExports, startExport, type ExportDeps } from '../usecases/exports'
import { yearFigures } from '../usecases/figures'
import { handledItems, inboxCount, inboxItems, inboxSummary, type InboxDeps } from '../usecases/inbox'

const deps = (): InboxDeps => ({ inbox: dynamoInbox })
const exportDeps = (): ExportDeps => ({ jobs: dynamoExportJobs, runner: lambdaExportRunner, links: { downloadUrl: presignDownload }, clock })

export const handler = lambdaForGroup('staff', workbenchRoutes, {
  inbox: ({ caller }) => inboxSummary(deps(), caller),
  inboxItems: ({ caller, params, query }) => inboxItems(deps(), caller, params.kind, query),
  inboxCount: ({ caller, params, query }) => inboxCount(deps(), caller, params.kind, query),
  handled: ({ caller, query }) => handledItems(deps(), caller, query),
  startExport: ({ caller, body }) => startExport(exportDeps(), caller, body),
  exports: ({ caller }) => recentExports(exportDeps(), caller),
  exportJob: ({ caller, params }) => exportJob(exportDeps(), caller, params.id),
  figures: ({ caller, query }) => yearFigures({ figures: dynamoFigures }, caller, query.year),
})
