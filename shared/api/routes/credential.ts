import { MEMBER, NON_PRACTISING_MEMBERS, type RouteDef } from '../route-def'
import { InspectionQrQuery, InspectionQrResponse, MemberCardResponse, VerificationKeysResponse, VerificationResponse, VerifyQuery } from '../credential-schemas'

/** Signed QR codes: 年检二维码, 电子会员证 and the public verification behind them (issue 6). */
export const credentialRoutes = {
  inspectionQr: {
    method: 'GET',
    path: '/api/v1/credentials/inspection-qr',
    group: 'credential',
    access: MEMBER,
    audience: NON_PRACTISING_MEMBERS,
    summary: '我的年检二维码：指定年度（id），未指定时为最近一个年度',
    query: InspectionQrQuery,
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
} as const satisfies Record<string, RouteDef>
