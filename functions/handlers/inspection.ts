import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { dynamoMemberAuthorizationStates } from '../adapters/authorization-states'
import { clock } from '../adapters/clock'
import { dynamoFees, dynamoPaymentOrders } from '../adapters/fee'
import { dynamoHoursLedger } from '../adapters/hours'
import { dynamoInspections, dynamoInspectionSettings, dynamoMemberInfo, dynamoMemberMessages } from '../adapters/inspection-dynamo'
import { operationsLog } from '../adapters/logger'
import { payerIdentities, payments } from '../adapters/payments'
import { wechatNotices } from '../adapters/subscriptions-dynamo'
import { s3FileStore } from '../adapters/uploads'
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
  type InspectionDeps,
} from '../usecases/inspection'
import {
  createFeeOrder,
  decideFee,
  declareOfflineFee,
  feeOrderStatus,
  feeReviewWithTrail,
  receivePaymentNotification,
  simulateJsapiPayment,
  simulatePayment,
  type FeeDeps,
} from '../usecases/inspection-fee'
import { attachMaterial, presignMaterial, removeMaterial } from '../usecases/inspection-files'

const deps = (): InspectionDeps & FeeDeps => ({
  accounts: dynamoAccountStore,
  inspections: dynamoInspections,
  settings: dynamoInspectionSettings,
  memberInfo: dynamoMemberInfo,
  messages: dynamoMemberMessages,
  fees: dynamoFees,
  hours: dynamoHoursLedger,
  files: s3FileStore,
  payments: payments(),
  orders: dynamoPaymentOrders,
  payers: payerIdentities,
  states: dynamoMemberAuthorizationStates,
  log: operationsLog,
  notices: wechatNotices(),
  clock,
})

export const handler = lambdaForGroup('inspection', inspectionRoutes, {
  inspectionOverview: ({ caller }) => inspectionOverview(deps(), caller),
  memberInfo: ({ caller }) => memberInfo(deps(), caller),
  saveMemberInfoDraft: ({ caller, body }) => saveMemberInfoDraft(deps(), caller, body),
  saveMemberInfo: ({ caller, body }) => saveMemberInfo(deps(), caller, body),
  submitInspection: ({ caller, body }) => submitApplication(deps(), caller, { year: body.year, kind: 'inspection' }),
  submitDeferral: ({ caller, body }) => submitApplication(deps(), caller, { year: body.year, kind: 'deferral', deferralReason: body.reason }),
  presignMaterial: ({ caller, body }) => presignMaterial(deps(), caller, body),
  attachMaterial: ({ caller, body }) => attachMaterial(deps(), caller, body),
  removeMaterial: ({ caller, params }) => removeMaterial(deps(), caller, params.fileId),
  createFeeOrder: ({ caller, body }) => createFeeOrder(deps(), caller, body),
  feeOrderStatus: ({ caller, params }) => feeOrderStatus(deps(), caller, params.outTradeNo),
  wechatPayNotify: ({ headers, rawBody }) => receivePaymentNotification(deps(), headers, rawBody),
  simulatePayment: ({ params }) => simulatePayment(deps(), params.outTradeNo),
  simulateJsapiPayment: ({ body }) => simulateJsapiPayment(deps(), body),
  declareOfflineFee: ({ caller, body }) => declareOfflineFee(deps(), caller, body.note),
  feeReview: ({ caller, params }) => feeReviewWithTrail(deps(), caller, params.id),
  decideFee: ({ caller, params, body }) => decideFee(deps(), caller, params.id, body),
  inspectionDetail: ({ caller, params }) => inspectionDetail(deps(), caller, params.id),
  inspectionHistory: ({ caller, query }) => inspectionHistory(deps(), caller, query),
  decideInspection: ({ caller, params, body }) => decideApplication(deps(), caller, params.id, body),
  correctInspection: ({ caller, params, body }) => correctApplication(deps(), caller, params.id, body),
  memberMessages: ({ caller }) => memberMessages(deps(), caller),
  readMessage: ({ caller, params }) => readMessage(deps(), caller, params.id),
  inspectionNotice: ({ caller }) => inspectionNotice(deps(), caller),
  saveInspectionNotice: ({ caller, body }) => saveInspectionNotice(deps(), caller, body),
})
