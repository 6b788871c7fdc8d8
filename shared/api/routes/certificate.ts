import { CICPA_STAFF, MEMBER, type RouteDef } from '../route-def'
import { HoursQuery } from '../hours-schemas'
import {
  CertificateDownload,
  GoodStandingApplication,
  GoodStandingDecision,
  GoodStandingIdParams,
  GoodStandingList,
  GoodStandingRequest,
  GoodStandingReview,
} from '../credential-schemas'

/**
 * 会员资格良好存续证明（英文版）: applied for by the member, approved by CICPA, downloaded as a PDF
 * carrying the membership QR; 学时证明: a year's hours as a PDF carrying an hours QR. Their own
 * function: the PDF library and its Chinese font stay out of the verification bundle.
 */
export const certificateRoutes = {
  applyGoodStanding: {
    method: 'POST',
    path: '/api/v1/credentials/good-standing',
    group: 'certificate',
    access: MEMBER,
    summary: '申请会员资格良好存续证明（英文版），由中注协审批',
    body: GoodStandingRequest,
    response: GoodStandingApplication,
  },
  myGoodStanding: {
    method: 'GET',
    path: '/api/v1/credentials/good-standing',
    group: 'certificate',
    access: MEMBER,
    summary: '我的良好存续证明申请',
    response: GoodStandingList,
  },
  downloadGoodStanding: {
    method: 'GET',
    path: '/api/v1/credentials/good-standing/{id}/pdf',
    group: 'certificate',
    access: MEMBER,
    summary: '下载已通过的良好存续证明（PDF，短时有效链接）',
    params: GoodStandingIdParams,
    response: CertificateDownload,
  },
  hoursCertificate: {
    method: 'GET',
    path: '/api/v1/credentials/hours-certificate',
    group: 'certificate',
    access: MEMBER,
    summary: '下载学时证明：某年度按来源的学时与应完成学时（PDF，含核验二维码，短时有效链接）',
    query: HoursQuery,
    response: CertificateDownload,
  },
  goodStandingReview: {
    method: 'GET',
    path: '/api/v1/staff/good-standing/{id}',
    group: 'certificate',
    access: CICPA_STAFF,
    summary: '中注协查看良好存续证明申请',
    params: GoodStandingIdParams,
    response: GoodStandingReview,
  },
  decideGoodStanding: {
    method: 'POST',
    path: '/api/v1/staff/good-standing/{id}/decision',
    group: 'certificate',
    access: CICPA_STAFF,
    summary: '中注协审批良好存续证明：通过 / 退回',
    params: GoodStandingIdParams,
    body: GoodStandingDecision,
    response: GoodStandingReview,
  },
} as const satisfies Record<string, RouteDef>
