import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { s3CertificatePdfs, s3HoursCertificates } from '../adapters/certificate-pdfs'
import { clock } from '../adapters/clock'
import { dynamoGoodStanding } from '../adapters/good-standing-dynamo'
import { dynamoHoursLedger } from '../adapters/hours'
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
import { downloadHoursCertificate } from '../usecases/hours-certificate'

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
  hoursCertificate: ({ caller, query }) =>
    downloadHoursCertificate({ accounts: dynamoAccountStore, hours: dynamoHoursLedger, files: s3HoursCertificates, clock }, caller, query.year),
  goodStandingReview: ({ params }) => reviewGoodStanding(deps(), params.id),
  decideGoodStanding: ({ caller, params, body }) => decideGoodStanding(deps(), caller, params.id, body),
})
