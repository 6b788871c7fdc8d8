import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { s3CertificatePdfs } from '../adapters/certificate-pdfs'
import { clock } from '../adapters/clock'
import { dynamoGoodStanding } from '../adapters/good-standing-dynamo'
import { wechatNotices } from '../adapters/subscriptions-dynamo'
import { certificateRoutes } from '../../shared/api/routes/certificate'
import { lambdaForGroup } from '../http/route-handler'
import {
  applyForGoodStanding,
  decideGoodStanding,
  downloadGoodStanding,
  myGoodStanding,
  reviewGoodStanding,
  type GoodStandingDeps,
} from '../usecases/good-standing'

const deps = (): GoodStandingDeps => ({
  accounts: dynamoAccountStore,
  applications: dynamoGoodStanding,
  pdfs: s3CertificatePdfs,
  notices: wechatNotices(),
  clock,
})

export const handler = lambdaForGroup('certificate', certificateRoutes, {
  applyGoodStanding: ({ caller, body }) => applyForGoodStanding(deps(), caller, body),
  myGoodStanding: ({ caller }) => myGoodStanding(deps(), caller),
  downloadGoodStanding: ({ caller, params }) => downloadGoodStanding(deps(), caller, params.id),
  goodStandingReview: ({ params }) => reviewGoodStanding(deps(), params.id),
  decideGoodStanding: ({ caller, params, body }) => decideGoodStanding(deps(), caller, params.id, body),
})
