import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { clock } from '../adapters/clock'
import { dynamoHoursLedger } from '../adapters/hours'
import { dynamoInspections } from '../adapters/inspection-dynamo'
import { dynamoRateLimits } from '../adapters/rate-limit'
import { publishedKeys } from '../auth/qr-signing'
import { credentialRoutes } from '../../shared/api/routes/credential'
import { lambdaForGroup } from '../http/route-handler'
import { myInspectionQr, myMemberCard, verifyCode, type CredentialDeps } from '../usecases/credentials'

const deps = (): CredentialDeps => ({
  accounts: dynamoAccountStore,
  inspections: dynamoInspections,
  hours: dynamoHoursLedger,
  rateLimits: dynamoRateLimits,
  clock,
})

export const handler = lambdaForGroup('credential', credentialRoutes, {
  inspectionQr: ({ caller, query }) => myInspectionQr(deps(), caller, query.id),
  memberCard: ({ caller }) => myMemberCard(deps(), caller),
  verify: ({ query, sourceIp, caller }) => verifyCode(deps(), query.t, sourceIp, caller),
  verifyKeys: async () => ({ keys: publishedKeys() }),
})
