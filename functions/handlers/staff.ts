import { clock } from '../adapters/clock'
import { dynamoExportJobs } from '../adapters/exports-dynamo'
import { lambdaExportRunner } from '../adapters/export-runner'
import { presignDownload } from '../adapters/uploads'
import { dynamoFigures } from '../adapters/figures'
import { dynamoInbox } from '../adapters/pending'
import { dynamoReminders } from '../adapters/reminders-dynamo'
import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { dynamoAdmissions } from '../adapters/admission-dynamo'
import { dynamoFees } from '../adapters/fee'
import { dynamoGoodStanding } from '../adapters/good-standing-dynamo'
import { dynamoInspections } from '../adapters/inspection-dynamo'
import { wechatNotices } from '../adapters/subscriptions-dynamo'
import { workbenchRoutes } from '../../shared/api/routes/workbench'
import { lambdaForGroup } from '../http/route-handler'
import { batchPass, type BatchPassDeps } from '../usecases/batch-pass'
import { exportJob, recentExports, startExport, type ExportDeps } from '../usecases/exports'
import { yearFigures } from '../usecases/figures'
import { handledItems, inboxCount, inboxItems, inboxSummary, type InboxDeps } from '../usecases/inbox'
import { staffDigests } from '../usecases/reminders'

const deps = (): InboxDeps => ({ inbox: dynamoInbox })
const batchDeps = (): BatchPassDeps => {
  const notices = wechatNotices()
  return {
    inbox: dynamoInbox,
    inspections: dynamoInspections,
    fees: dynamoFees,
    admissions: dynamoAdmissions,
    applications: dynamoGoodStanding,
    accounts: dynamoAccountStore,
    notices,
    wechat: notices,
    clock,
  }
}
const exportDeps = (): ExportDeps => ({ jobs: dynamoExportJobs, runner: lambdaExportRunner, links: { downloadUrl: presignDownload }, clock })

export const handler = lambdaForGroup('staff', workbenchRoutes, {
  inbox: ({ caller }) => inboxSummary(deps(), caller),
  inboxItems: ({ caller, params, query }) => inboxItems(deps(), caller, params.kind, query),
  inboxCount: ({ caller, params, query }) => inboxCount(deps(), caller, params.kind, query),
  handled: ({ caller, query }) => handledItems(deps(), caller, query),
  batchPass: ({ caller, params, body }) => batchPass(batchDeps(), caller, params.kind, body),
  startExport: ({ caller, body }) => startExport(exportDeps(), caller, body),
  exports: ({ caller }) => recentExports(exportDeps(), caller),
  exportJob: ({ caller, params }) => exportJob(exportDeps(), caller, params.id),
  figures: ({ caller, query }) => yearFigures({ figures: dynamoFigures }, caller, query.year),
  staffDigests: ({ caller }) => staffDigests({ store: dynamoReminders }, caller),
})
