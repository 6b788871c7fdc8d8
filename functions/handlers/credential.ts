import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { publishedKeys } from '../auth/qr-signing'
import { credentialRoutes } from '../../shared/api/routes/credential'
import { lambdaForGroup } from '../http/route-handler'
import { myInspectionQr, myMemberCard, verifyCode } from '../usecases/credentials'

export const handler = lambdaForGroup('credential', credentialRoutes, {
  inspectionQr: ({ caller, query }) => myInspectionQr(dynamoAccountStore, caller, query.id),
  memberCard: ({ caller }) => myMemberCard(dynamoAccountStore, caller),
  verify: ({ query, sourceIp, caller }) => verifyCode(dynamoAccountStore, query.t, sourceIp, caller),
  verifyKeys: async () => ({ keys: publishedKeys() }),
})
