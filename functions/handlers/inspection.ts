import { inspectionRoutes } from '../../shared/api/routes/inspection'
import { lambdaForGroup } from '../http/route-handler'
import {
  correctApplication,
  decideApplication,
  inspectionDetail,
  inspectionHistory,
  inspectionNotice,
  inspectionOverview,
  memberInfo,
  memberMessages,
  readMessage,
  saveInspectionNotice,
  saveMemberInfo,
  saveMemberInfoDraft,
  submitApplication,
} from '../usecases/inspection'
import { createFeeOrder, decideFee, declareOfflineFee, feeOrderStatus, feeReview, receivePaymentNotification, simulatePayment } from '../usecases/inspection-fee'
import { attachMaterial, presignMaterial, removeMaterial } from '../usecases/inspection-files'

export const handler = lambdaForGroup('inspection', inspectionRoutes, {
  inspectionOverview: ({ caller }) => inspectionOverview(caller),
  memberInfo: ({ caller }) => memberInfo(caller),
  saveMemberInfoDraft: ({ caller, body }) => saveMemberInfoDraft(caller, body),
  saveMemberInfo: ({ caller, body }) => saveMemberInfo(caller, body),
  submitInspection: ({ caller, body }) => submitApplication(caller, { year: body.year, kind: 'inspection' }),
  submitDeferral: ({ caller, body }) => submitApplication(caller, { year: body.year, kind: 'deferral', deferralReason: body.reason }),
  presignMaterial: ({ caller, body }) => presignMaterial(caller, body),
  attachMaterial: ({ caller, body }) => attachMaterial(caller, body),
  removeMaterial: ({ caller, params }) => removeMaterial(caller, params.fileId),
  createFeeOrder: ({ caller }) => createFeeOrder(caller),
  feeOrderStatus: ({ caller, params }) => feeOrderStatus(caller, params.outTradeNo),
  wechatPayNotify: ({ headers, rawBody }) => receivePaymentNotification(headers, rawBody),
  simulatePayment: ({ params }) => simulatePayment(params.outTradeNo),
  declareOfflineFee: ({ caller, body }) => declareOfflineFee(caller, body.note),
  feeReview: ({ caller, params }) => feeReview(caller, params.id),
  decideFee: ({ caller, params, body }) => decideFee(caller, params.id, body),
  inspectionDetail: ({ caller, params }) => inspectionDetail(caller, params.id),
  inspectionHistory: ({ caller, query }) => inspectionHistory(caller, query),
  decideInspection: ({ caller, params, body }) => decideApplication(caller, params.id, body),
  correctInspection: ({ caller, params, body }) => correctApplication(caller, params.id, body),
  memberMessages: ({ caller }) => memberMessages(caller),
  readMessage: ({ caller, params }) => readMessage(caller, params.id),
  inspectionNotice: ({ caller }) => inspectionNotice(caller),
  saveInspectionNotice: ({ caller, body }) => saveInspectionNotice(caller, body),
})
