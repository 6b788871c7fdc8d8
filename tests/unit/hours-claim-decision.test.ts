import { describe, expect, it } from 'vitest'
import type { Caller } from '../../functions/auth/tokens'
import type { AccountStore } from '../../functions/ports/accounts'
import type { FileStore } from '../../functions/ports/files'
import type { ClaimCredit, ClaimDecision, HoursClaims, StoredClaim } from '../../functions/ports/hours-claims'
import { AppError } from '../../functions/usecases/errors'
import { decideClaim, type ClaimDeps } from '../../functions/usecases/education-claims'
import { memoryNotices } from '../support/wechat-notices'

const NOW = new Date('2026-03-02T04:00:00.000Z')
const staff: Caller = {
  accountId: 'staff#zj',
  username: 'zj-staff',
  displayName: '浙江审核员',
  userType: 'staff',
  role: 'local_staff',
  associationCode: 'ZJ',
  mustChangePassword: false,
  tokenVersion: 1,
}

const article = (version = 1): StoredClaim => ({
  id: 'HC-330000120001-abc123',
  kind: 'output',
  year: 2025,
  status: 'pending',
  title: '论数据资产入表的审计应对',
  summary: '',
  description: '',
  requestedHours: 8,
  creditedHours: null,
  capNote: null,
  returnReason: null,
  submittedAt: '2026-03-01T02:00:00.000Z',
  decidedAt: null,
  version,
  output: { category: 'article', categoryName: '在省级以上专业刊物公开发表专业文章', rule: '', quantity: 1, activityDate: '2025-12-01' },
  exemption: null,
  memberNo: '330000120001',
  memberName: '孙会员',
  associationCode: 'ZJ',
  proofs: [],
  dedupeKey: 'd',
})

/** Claims kept in memory; `answer` is what the next decision's write reports. */
function fakeClaims(claim: StoredClaim, creditedInCategory: number, answer: Awaited<ReturnType<HoursClaims['decide']>> = 'decided') {
  const decisions: { decision: ClaimDecision; credit?: ClaimCredit; messageTitle: string }[] = []
  const claims: HoursClaims = {
    create: async () => 'created',
    get: async (id) => (id === claim.id ? claim : undefined),
    ofMember: async () => [claim],
    exemptionMonthHolders: async () => new Map(),
    categoryCredited: async () => creditedInCategory,
    trail: async () => [],
    decide: async (_claim, decision, { credit, message }) => {
      if (answer === 'decided') {
        decisions.push({ decision, ...(credit ? { credit } : {}), messageTitle: message.title })
        Object.assign(claim, decision, { version: claim.version + 1 })
      }
      return answer
    },
  }
  return { claims, decisions }
}

const depsWith = (claims: HoursClaims): ClaimDeps => ({
  claims,
  files: { presignDownload: async (key: string) => `https://files/${key}` } as unknown as FileStore,
  accounts: {} as AccountStore,
  notices: memoryNotices().notices,
  clock: { now: () => NOW },
})

describe('地方注协审核 of an hours claim', () => {
  it('credits what is left of the category’s yearly cap, raising the total from what it read, and says so', async () => {
    const { claims, decisions } = fakeClaims(article(), 20)
    const detail = await decideClaim(depsWith(claims), staff, article().id, { decision: 'pass', opinion: '', version: 1 })
    expect(decisions).toHaveLength(1)
    const [{ decision, credit, messageTitle }] = decisions as [(typeof decisions)[number]]
    expect(decision).toMatchObject({ status: 'approved', creditedHours: 4, decidedAt: NOW.toISOString(), decidedBy: '浙江审核员' })
    expect(decision.capNote).toContain('每年最多认可24学时')
    expect(credit).toMatchObject({
      hours: { source: 'output', hours: 4, year: 2025, category: 'article' },
      categoryTotal: { category: 'article', before: 20, after: 24 },
    })
    expect(messageTitle).toBe('您的产出式学时申请“论数据资产入表的审计应对”已通过，认可4学时')
    expect(detail.claim).toMatchObject({ status: 'approved', creditedHours: 4, statusLabel: '已通过' })
  })

  it('refuses a version the reviewer did not see, before writing anything', async () => {
    const { claims, decisions } = fakeClaims(article(2), 0)
    await expect(decideClaim(depsWith(claims), staff, article().id, { decision: 'pass', opinion: '', version: 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '该申请已被修改，请刷新后重新审核',
    })
    expect(decisions).toEqual([])
  })

  it('words a decision that lost its write: to another reviewer, or to another approval of the category', async () => {
    const lost = async (answer: 'claim-changed' | 'total-changed') => {
      const error = await decideClaim(depsWith(fakeClaims(article(), 0, answer).claims), staff, article().id, {
        decision: 'pass',
        opinion: '',
        version: 1,
      }).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(AppError)
      return error as AppError
    }
    expect(await lost('claim-changed')).toMatchObject({ code: 'CONFLICT', message: '该申请已被他人审核或修改，请刷新后查看' })
    expect(await lost('total-changed')).toMatchObject({ code: 'CONFLICT', message: '该会员同类别学时刚有其他申请获认可，请重新审核' })
  })

  it('returns with the reason, crediting nothing', async () => {
    const { claims, decisions } = fakeClaims(article(), 0)
    await decideClaim(depsWith(claims), staff, article().id, { decision: 'return', opinion: '请补充刊物封面', version: 1 })
    expect(decisions[0]).toMatchObject({
      decision: { status: 'returned', creditedHours: null, returnReason: '请补充刊物封面' },
      messageTitle: '您的产出式学时申请“论数据资产入表的审计应对”已退回',
    })
    expect(decisions[0]!.credit).toBeUndefined()
  })
})
