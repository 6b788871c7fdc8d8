import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { publishedKeys } from '../auth/qr-signing'
import { lambdaForGroup } from '../http/route-handler'
import { myInspectionQr, myMemberCard, verifyCode } from '../usecases/credentials'
import { applyForGoodStanding, decideGoodStanding, downloadGoodStanding, myGoodStanding, reviewGoodStanding } from '../usecases/good-standing'

export const handler = lambdaForGroup('credential', {
  inspectionQr: ({ caller }) => myInspectionQr(dynamoAccountStore, caller),
  memberCard: ({ caller }) => myMemberCard(dynamoAccountStore, caller),
  verify: ({ query, sourceIp, caller }) => verifyCode(dynamoAccountStore, query.t, sourceIp, caller),
  verifyKeys: async () => ({ keys: publishedKeys() }),
  applyGoodStanding: ({ caller, body }) => applyForGoodStanding(dynamoAccountStore, caller, body),
  myGoodStanding: ({ caller }) => myGoodStanding(caller),
  downloadGoodStanding: ({ caller, params }) => downloadGoodStanding(dynamoAccountStore, caller, params.id),
  goodStandingReview: ({ params }) => reviewGoodStanding(params.id),
  decideGoodStanding: ({ params, body }) => decideGoodStanding(params.id, body),
})
