import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { clock } from '../adapters/clock'
import { operationsLog } from '../adapters/logger'
import { dynamoPersonalData, dynamoPersonalExportRecords } from '../adapters/personal-export-dynamo'
import { s3PersonalExportFiles } from '../adapters/personal-export-files'
import { personalRoutes } from '../../shared/api/routes/personal'
import { lambdaForGroup } from '../http/route-handler'
import { downloadPersonalExport, personalExports, startPersonalExport, type PersonalExportDeps } from '../usecases/personal-export'

const deps = (): PersonalExportDeps => ({
  records: dynamoPersonalExportRecords,
  data: dynamoPersonalData,
  files: s3PersonalExportFiles,
  accounts: dynamoAccountStore,
  log: operationsLog,
  clock,
})

export const handler = lambdaForGroup('personal', personalRoutes, {
  personalExports: ({ caller }) => personalExports(deps(), caller),
  startPersonalExport: ({ caller }) => startPersonalExport(deps(), caller),
  downloadPersonalExport: ({ caller, params, body }) => downloadPersonalExport(deps(), caller, params.id, body.file),
})
