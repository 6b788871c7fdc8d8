import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { certificateRoutes } from '../../shared/api/routes/certificate'
import { lambdaForGroup } from '../http/route-handler'
import { applyForGoodStanding, decideGoodStanding, downloadGoodStanding, myGoodStanding, reviewGoodStanding } from '../usecases/good-standing'

export const handler = lambdaForGroup('certificate', certificateRoutes, {
  applyGoodStanding: ({ caller, body }) => applyForGoodStanding(dynamoAccountStore, caller, body),
  myGoodStanding: ({ caller }) => myGoodStanding(caller),
  downloadGoodStanding: ({ caller, params }) => downloadGoodStanding(dynamoAccountStore, caller, params.id),
  goodStandingReview: ({ params }) => reviewGoodStanding(params.id),
  decideGoodStanding: ({ params, body }) => decideGoodStanding(params.id, body),
})
