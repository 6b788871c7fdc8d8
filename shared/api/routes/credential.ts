import { CICPA_STAFF, MEMBER, type RouteDef } from '../route-def'
import {
  GoodStandingApplication,
  GoodStandingDecision,
  GoodStandingDownload,
  GoodStandingIdParams,
  GoodStandingList,
  GoodStandingRequest,
  InspectionQrResponse,
  MemberCardResponse,
  VerificationKeysResponse,
  VerificationResponse,
  VerifyQuery,
} from '../credential-schemas'

/**
 * Signed QR codes: 年检二维码, 电子会员证 and the public verification behind them, and the English
 * 会员资格良好存续证明 that carries the same QR (issue 6).
 */
export const credentialRoutes = {
  inspectionQr: {
    method: 'GET',
    path: '/api/v1/credentials/inspection-qr',
    group: 'credential',
    access: MEMBER,
    summary: '我的年检二维码（最近一个年度）',
    response: InspectionQrResponse,
  },
  memberCard: {
    method: 'GET',
    path: '/api/v1/credentials/member-card',
    group: 'credential',
    access: MEMBER,
    summary: '电子会员证（含二维码与协会印章）',
    response: MemberCardResponse,
  },
  verify: {
    method: 'GET',
    path: '/api/v1/verify',
    group: 'credential',
    access: 'public',
    summary: '扫码核验：二维码是否有效及会员当前状态（限频）',
    query: VerifyQuery,
    response: VerificationResponse,
  },
  verifyKeys: {
    method: 'GET',
    path: '/api/v1/verify/keys',
    group: 'credential',
    access: 'public',
    summary: '二维码签名公钥（JWK，可离线核验）',
    response: VerificationKeysResponse,
  },
  applyGoodStanding: {
    method: 'POST',
    path: '/api/v1/credentials/good-standing',
    group: 'credential',
    access: MEMBER,
    summary: '申请会员资格良好存续证明（英文版），由中注协审批',
    body: GoodStandingRequest,
    response: GoodStandingApplication,
  },
  myGoodStanding: {
    method: 'GET',
    path: '/api/v1/credentials/good-standing',
    group: 'credential',
    access: MEMBER,
    summary: '我的良好存续证明申请',
    response: GoodStandingList,
  },
  downloadGoodStanding: {
    method: 'GET',
    path: '/api/v1/credentials/good-standing/{id}/pdf',
    group: 'credential',
    access: MEMBER,
    summary: '下载已通过的良好存续证明（PDF，短时有效链接）',
    params: GoodStandingIdParams,
    response: GoodStandingDownload,
  },
  goodStandingReview: {
    method: 'GET',
    path: '/api/v1/staff/good-standing/{id}',
    group: 'credential',
    access: CICPA_STAFF,
    summary: '中注协查看良好存续证明申请',
    params: GoodStandingIdParams,
    response: GoodStandingApplication,
  },
  decideGoodStanding: {
    method: 'POST',
    path: '/api/v1/staff/good-standing/{id}/decision',
    group: 'credential',
    access: CICPA_STAFF,
    summary: '中注协审批良好存续证明：通过 / 退回',
    params: GoodStandingIdParams,
    body: GoodStandingDecision,
    response: GoodStandingApplication,
  },
} as const satisfies Record<string, RouteDef>
