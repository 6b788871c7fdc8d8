import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { routes } from '../../shared/api/contract'
import { NON_PRACTISING_MEMBERS, type RouteDef } from '../../shared/api/route-def'
import { DEMO_ACCOUNTS, DEMO_MEMBERS, DEMO_STAFF } from '../../functions/local/demo-data'
import { startTestStack } from '../support/stack'

let stack: Awaited<ReturnType<typeof startTestStack>>
const tokens: Record<'cpa' | 'member' | 'staff', string> = { cpa: '', member: '', staff: '' }
const chen = DEMO_ACCOUNTS.find((account) => account.userType === 'cpa')!
const zhang = DEMO_MEMBERS[0]!.account
const zjStaff = DEMO_STAFF[1]!

const REFUSAL = '年检仅适用于非执业会员，注册会计师请通过所在会计师事务所向地方注协办理年检'

/** Everything about the member's own 年检: 完善信息, the application, its materials, its fee, its history and its QR. */
const INSPECTION_ROUTES = [
  'inspectionOverview',
  'memberInfo',
  'saveMemberInfoDraft',
  'saveMemberInfo',
  'submitInspection',
  'submitDeferral',
  'presignMaterial',
  'attachMaterial',
  'removeMaterial',
  'createFeeOrder',
  'feeOrderStatus',
  'declareOfflineFee',
  'inspectionDetail',
  'inspectionHistory',
  'inspectionQr',
]

const SAMPLE_PARAMS: Record<string, string> = {
  id: `${chen.username}-2000`,
  fileId: '00000000-0000-4000-8000-000000000000',
  outTradeNo: 'NJ0000000000',
}
const concretePath = (route: RouteDef) => route.path.replace(/\{(\w+)\}/g, (_whole, name: string) => SAMPLE_PARAMS[name]!)

beforeAll(async () => {
  stack = await startTestStack()
  tokens.cpa = await stack.api.token(chen.userType, chen.username, chen.password)
  tokens.member = await stack.api.token(zhang.userType, zhang.username, zhang.password)
  tokens.staff = await stack.api.token(zjStaff.userType, zjStaff.username, zjStaff.password)
})
afterAll(() => stack?.stop())

describe('a practising CPA and the annual inspection', () => {
  it('marks exactly the inspection routes as for non-practising members', () => {
    const marked = Object.entries(routes as Record<string, RouteDef>).filter(([, route]) => route.audience).map(([name]) => name)
    expect(marked.sort()).toEqual([...INSPECTION_ROUTES].sort())
    expect(NON_PRACTISING_MEMBERS.refusal).toBe(REFUSAL)
  })

  it.each(INSPECTION_ROUTES)('answers %s with 403 and says where a practising CPA goes instead', async (name) => {
    const route = (routes as Record<string, RouteDef>)[name]!
    const answer = await stack.api.request(route.method, concretePath(route), { token: tokens.cpa, body: route.body ? {} : undefined })
    expect(answer.status).toBe(403)
    expect(answer.body).toEqual({ code: 'FORBIDDEN', message: REFUSAL })
  })

  it('still serves non-practising members and staff on the same routes', async () => {
    expect((await stack.api.request('GET', '/api/v1/inspection/overview', { token: tokens.member })).status).toBe(200)
    expect((await stack.api.request('GET', '/api/v1/inspection/history', { token: tokens.member })).status).toBe(200)
    // Staff are not members: the audience leaves them to their own rules (no such application → 404, not 403).
    expect((await stack.api.request('GET', `/api/v1/inspection/applications/${zhang.username}-2000`, { token: tokens.staff })).status).toBe(404)
  })

  it('leaves a practising CPA what their home offers: profile, continuing education, hours and messages', async () => {
    const me = await stack.api.request('GET', '/api/v1/me', { token: tokens.cpa })
    expect(me.body).toMatchObject({ kind: 'member', userType: 'cpa', name: '陈静', ethnicity: '汉族', birthDate: '1986-03-15', region: '上海市' })
    for (const path of ['/api/v1/education/overview', '/api/v1/education/hours', '/api/v1/messages']) {
      const answer = await stack.api.request('GET', path, { token: tokens.cpa })
      expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200)
    }
  })

  it('lists who may call an inspection route in the OpenAPI document', async () => {
    const { body } = await stack.api.request('GET', '/api/v1/openapi.json')
    expect(body.paths['/api/v1/inspection/overview'].get['x-user-types']).toEqual(['non_practising'])
    expect(body.paths['/api/v1/me'].get['x-user-types']).toBeUndefined()
  })
})
