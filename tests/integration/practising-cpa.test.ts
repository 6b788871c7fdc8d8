import { describe, expect } from 'vitest'
import { routes, type RouteName } from '../../shared/api/contract'
import { NON_PRACTISING_MEMBERS, type RouteDef } from '../../shared/api/route-def'
import type { SignedMember } from '../support/builders'
import { test } from '../support/fixtures'

const REFUSAL = '年检仅适用于非执业会员，注册会计师请通过所在会计师事务所向地方注协办理年检'

/** Everything about the member's own 年检: 完善信息, the application, its materials, its fee, its history and its QR. */
const INSPECTION_ROUTES: RouteName[] = [
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

const SAMPLE_PARAMS = { id: '310000129001-2000', fileId: '00000000-0000-4000-8000-000000000000', outTradeNo: 'NJ0000000000' }

/** A practising CPA of 上海 with an archive unit. */
const cpaTest = test.extend<{ cpa: SignedMember }>({
  cpa: async ({ aMember }, use) =>
    use(
      await aMember({
        userType: 'cpa',
        association: 'SH',
        fee: '已确认',
        record: { name: '陈静', birthDate: '1986-03-15', region: '上海市', archiveUnit: '上海某某会计师事务所（特殊普通合伙）' },
      }),
    ),
})

describe('a practising CPA and the annual inspection', () => {
  test('marks exactly the inspection routes as for non-practising members', () => {
    const marked = Object.entries(routes as Record<string, RouteDef>)
      .filter(([, route]) => route.audience)
      .map(([name]) => name)
    expect(marked.sort()).toEqual([...INSPECTION_ROUTES].sort())
    expect(NON_PRACTISING_MEMBERS.refusal).toBe(REFUSAL)
  })

  cpaTest.for(INSPECTION_ROUTES)('answers %s with 403 and says where a practising CPA goes instead', async (name, { cpa }) => {
    const route: RouteDef = routes[name]
    // Bodies are left empty on purpose: the audience is checked before any input.
    const answer = await cpa.call(name, { params: SAMPLE_PARAMS as never, body: (route.body ? {} : undefined) as never })
    expect(answer.status).toBe(403)
    expect(answer.body).toEqual({ code: 'FORBIDDEN', message: REFUSAL })
  })

  test('still serves non-practising members and staff on the same routes', async ({ member, localStaff }) => {
    expect((await member.call('inspectionOverview')).status).toBe(200)
    expect((await member.call('inspectionHistory')).status).toBe(200)
    // Staff are not members: the audience leaves them to their own rules (no such application → 404, not 403).
    expect((await localStaff.call('inspectionDetail', { params: { id: `${member.member.memberNo}-2000` } })).status).toBe(404)
  })

  cpaTest('leaves a practising CPA what their home offers: profile, continuing education, hours and messages', async ({ cpa }) => {
    expect(await cpa.ok('profile')).toMatchObject({
      kind: 'member',
      userType: 'cpa',
      name: '陈静',
      ethnicity: '汉族',
      birthDate: '1986-03-15',
      region: '上海市',
    })
    for (const name of ['educationOverview', 'hoursReport', 'memberMessages'] as const) {
      const answer = await cpa.call(name)
      expect(answer.status, `${name}: ${JSON.stringify(answer.body)}`).toBe(200)
    }
  })

  test('lists who may call an inspection route in the OpenAPI document', async ({ stack }) => {
    const body = (await stack.api.ok('openapi')) as { paths: Record<string, Record<string, Record<string, unknown>>> }
    expect(body.paths['/api/v1/inspection/overview']!.get!['x-user-types']).toEqual(['non_practising'])
    expect(body.paths['/api/v1/me']!.get!['x-user-types']).toBeUndefined()
  })
})
