import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { dynamoCaptchas } from '../adapters/captcha-dynamo'
import { dynamoAdmissions } from '../adapters/admission-dynamo'
import { clock } from '../adapters/clock'
import { messaging } from '../adapters/messaging'
import { dynamoRateLimits } from '../adapters/rate-limit'
import { wechatNotices } from '../adapters/subscriptions-dynamo'
import { s3FileStore } from '../adapters/uploads'
import { admissionRoutes } from '../../shared/api/routes/admission'
import { lambdaForGroup } from '../http/route-handler'
import {
  checkPhoto,
  decideApplication,
  lookupMemberNo,
  photoUploadFor,
  progressByBasic,
  progressByNumber,
  resubmitApplication,
  reviewApplication,
  submitApplication,
  verifyApplicant,
  type AdmissionDeps,
} from '../usecases/admission'

const deps = (): AdmissionDeps => ({
  admissions: dynamoAdmissions,
  captchas: dynamoCaptchas,
  accounts: dynamoAccountStore,
  files: s3FileStore,
  rateLimits: dynamoRateLimits,
  clock,
  wechat: { ...wechatNotices(), identity: messaging().identity },
})

export const handler = lambdaForGroup('admission', admissionRoutes, {
  admissionVerify: ({ body }) => verifyApplicant(deps(), body),
  admissionPhotoUpload: ({ body }) => photoUploadFor(deps(), body),
  admissionPhotoCheck: ({ body }) => checkPhoto(deps(), body),
  admissionSubmit: ({ body, idempotencyKey }) => submitApplication(deps(), body, idempotencyKey),
  admissionResubmit: ({ params, body }) => resubmitApplication(deps(), params.businessNo, body),
  admissionProgressByNumber: ({ body, sourceIp }) => progressByNumber(deps(), body, sourceIp),
  admissionProgressByBasic: ({ body, sourceIp }) => progressByBasic(deps(), body, sourceIp),
  memberNoLookup: ({ body, sourceIp }) => lookupMemberNo(deps(), body, sourceIp),
  admissionReview: ({ caller, params }) => reviewApplication(deps(), caller, params.businessNo),
  admissionDecide: ({ caller, params, body }) => decideApplication(deps(), caller, params.businessNo, body),
})
