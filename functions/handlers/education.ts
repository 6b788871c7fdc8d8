import { educationRoutes } from '../../shared/api/routes/education'
import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { dynamoMemberAuthorizationStates } from '../adapters/authorization-states'
import { clock } from '../adapters/clock'
import { dynamoEducationStore, dynamoImportNonces } from '../adapters/education-dynamo'
import { dynamoPaymentOrders } from '../adapters/fee'
import { dynamoHoursLedger } from '../adapters/hours'
import { dynamoHoursClaims } from '../adapters/hours-claims-dynamo'
import { operationsLog } from '../adapters/logger'
import { payerIdentities, payments } from '../adapters/payments'
import { wechatNotices } from '../adapters/subscriptions-dynamo'
import { s3FileStore } from '../adapters/uploads'
import { lambdaForGroup } from '../http/route-handler'
import {
  chooseInstitute,
  courseCatalogue,
  createLearningFeeOrder,
  educationOverview,
  evaluateLesson,
  hoursReport,
  learningFeeOrderStatus,
  lessonProgress,
  type EducationDeps,
} from '../usecases/education'
import { claimDetail, decideClaim, listClaims, presignProof, submitExemptionClaim, submitOutputClaim, type ClaimDeps } from '../usecases/education-claims'
import { receiveImport, type ImportDeps } from '../usecases/education-import'

const deps = (): EducationDeps & ClaimDeps & ImportDeps => ({
  education: dynamoEducationStore,
  claims: dynamoHoursClaims,
  files: s3FileStore,
  hours: dynamoHoursLedger,
  nonces: dynamoImportNonces,
  accounts: dynamoAccountStore,
  notices: wechatNotices(),
  payments: payments(),
  orders: dynamoPaymentOrders,
  payers: payerIdentities,
  states: dynamoMemberAuthorizationStates,
  log: operationsLog,
  clock,
})

export const handler = lambdaForGroup('education', educationRoutes, {
  educationOverview: ({ caller }) => educationOverview(deps(), caller),
  chooseInstitute: ({ caller, body }) => chooseInstitute(deps(), caller, body.institute),
  courseCatalogue: ({ caller }) => courseCatalogue(deps(), caller),
  lessonProgress: ({ caller, params, body }) => lessonProgress(deps(), caller, params.courseId, params.lessonId, body.positionSeconds),
  evaluateLesson: ({ caller, params, body }) => evaluateLesson(deps(), caller, params.courseId, params.lessonId, body),
  createLearningFeeOrder: ({ caller, body }) => createLearningFeeOrder(deps(), caller, body),
  learningFeeOrderStatus: ({ caller, params }) => learningFeeOrderStatus(deps(), caller, params.outTradeNo),
  hoursReport: ({ caller, query }) => hoursReport(deps(), caller, query.year),
  presignProof: ({ caller, body }) => presignProof(deps(), caller, body),
  submitOutputClaim: ({ caller, body }) => submitOutputClaim(deps(), caller, body),
  submitExemptionClaim: ({ caller, body }) => submitExemptionClaim(deps(), caller, body),
  listClaims: ({ caller, query }) => listClaims(deps(), caller, query.kind),
  claimDetail: ({ caller, params }) => claimDetail(deps(), caller, params.id),
  decideClaim: ({ caller, params, body }) => decideClaim(deps(), caller, params.id, body),
  importCourses: ({ headers, rawBody, body }) => receiveImport(deps(), headers, rawBody, body),
})
