import { educationRoutes } from '../../shared/api/routes/education'
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
} from '../usecases/education'
import { claimDetail, decideClaim, listClaims, presignProof, submitExemptionClaim, submitOutputClaim } from '../usecases/education-claims'
import { receiveImport } from '../usecases/education-import'

export const handler = lambdaForGroup('education', educationRoutes, {
  educationOverview: ({ caller }) => educationOverview(caller),
  chooseInstitute: ({ caller, body }) => chooseInstitute(caller, body.institute),
  courseCatalogue: ({ caller }) => courseCatalogue(caller),
  lessonProgress: ({ caller, params, body }) => lessonProgress(caller, params.courseId, params.lessonId, body.positionSeconds),
  evaluateLesson: ({ caller, params, body }) => evaluateLesson(caller, params.courseId, params.lessonId, body),
  createLearningFeeOrder: ({ caller }) => createLearningFeeOrder(caller),
  learningFeeOrderStatus: ({ caller, params }) => learningFeeOrderStatus(caller, params.outTradeNo),
  hoursReport: ({ caller, query }) => hoursReport(caller, query.year),
  presignProof: ({ caller, body }) => presignProof(caller, body),
  submitOutputClaim: ({ caller, body }) => submitOutputClaim(caller, body),
  submitExemptionClaim: ({ caller, body }) => submitExemptionClaim(caller, body),
  listClaims: ({ caller, query }) => listClaims(caller, query.kind),
  claimDetail: ({ caller, params }) => claimDetail(caller, params.id),
  decideClaim: ({ caller, params, body }) => decideClaim(caller, params.id, body),
  importCourses: ({ headers, rawBody, body }) => receiveImport(headers, rawBody, body),
})
