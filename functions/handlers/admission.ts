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
} from '../usecases/admission'

export const handler = lambdaForGroup('admission', admissionRoutes, {
  admissionVerify: ({ body }) => verifyApplicant(body),
  admissionPhotoUpload: ({ body }) => photoUploadFor(body),
  admissionPhotoCheck: ({ body }) => checkPhoto(body),
  admissionSubmit: ({ body, idempotencyKey }) => submitApplication(body, idempotencyKey),
  admissionResubmit: ({ params, body }) => resubmitApplication(params.businessNo, body),
  admissionProgressByNumber: ({ body, sourceIp }) => progressByNumber(body, sourceIp),
  admissionProgressByBasic: ({ body, sourceIp }) => progressByBasic(body, sourceIp),
  memberNoLookup: ({ body, sourceIp }) => lookupMemberNo(body, sourceIp),
  admissionReview: ({ caller, params }) => reviewApplication(caller, params.businessNo),
  admissionDecide: ({ caller, params, body }) => decideApplication(caller, params.businessNo, body),
})
