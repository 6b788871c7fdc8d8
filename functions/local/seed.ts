import { PutCommand } from '../adapters/dynamo-client'
import { dynamo, keys } from '../adapters/dynamo'
import { associationYearIndex, countSeededMember, countsInFigures, feeCounts, seededHoursSummary } from '../adapters/figures'
import { waitingFor } from '../adapters/pending'
import { localOpenid } from '../adapters/wechat'
import { hashSecret } from '../auth/passwords'
import { identityDigest } from '../auth/sealed'
import { config } from '../config'
import { accountIdOf, type Account, type MemberRecord } from '../ports/accounts'
import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { dynamoEducationStore } from '../adapters/education-dynamo'
import { importCatalogue } from '../usecases/education-import'
import { demoCatalogues } from './demo-courses'
import { seedDemoAdmissions } from './demo-admissions'
import { DEMO_ACCOUNTS, DEMO_MEMBERS, demoJoinDate, type DemoAccount, type DemoMember } from './demo-data'
import { clock } from '../adapters/clock'
import { inspectionYearAt, learningYearAt } from '../../shared/calendar'
import { SUBSCRIPTION_TEMPLATES } from '../../shared/api/subscription-schemas'

/** Writes an item only if it is not there yet, so re-seeding never overwrites what a tester changed. */
export async function putOnce(item: Record<string, unknown>): Promise<boolean> {
  try {
    await dynamo().send(new PutCommand({ TableName: config.tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' }))
    return true
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false
    throw error
  }
}

/**
 * Demo and test accounts share a handful of passwords, and scrypt is the slow part of seeding
 * (about half a second each): one salted hash per password serves every account that uses it.
 */
const sharedHashes = new Map<string, Promise<string>>()
function hashOfShared(password: string): Promise<string> {
  let hash = sharedHashes.get(password)
  if (!hash) {
    hash = hashSecret(password)
    sharedHashes.set(password, hash)
  }
  return hash
}

async function accountItem(demo: DemoAccount): Promise<Record<string, unknown>> {
  const accountId = accountIdOf(demo.userType, demo.username)
  const account: Account = {
    accountId,
    userType: demo.userType,
    username: demo.username,
    role: demo.role,
    associationCode: demo.associationCode,
    displayName: demo.displayName,
    passwordHash: await hashOfShared(demo.password),
    mustChangePassword: demo.mustChangePassword,
    tokenVersion: 0,
    version: 0,
    ...(demo.role === 'member' ? { memberNo: demo.username } : {}),
  }
  return { ...keys.account(accountId), entity: 'account', ...account }
}

/** Writes a login account unless it exists; tests build their own users with it. */
export async function seedAccount(demo: DemoAccount): Promise<boolean> {
  return putOnce(await accountItem(demo))
}

/**
 * Both directions of a demo member's WeChat binding, so the bound reset path and WeChat login work
 * at once, and one send credit of each subscription template: binding in 我的 asks for both.
 */
async function seedWechatBinding(accountId: string, openid: string, boundAt: string) {
  const binding = { entity: 'wechat-binding', accountId, openid, boundAt }
  await putOnce({ ...keys.wechatBinding(openid), ...binding })
  await putOnce({ ...keys.accountWechat(accountId), ...binding })
  for (const template of SUBSCRIPTION_TEMPLATES) {
    await putOnce({ ...keys.subscriptionCredit(accountId, template), entity: 'subscription-credit', credits: 1, updatedAt: boundAt })
  }
}

/**
 * Writes a member's record as of `now` (its account is written apart): hours and fee for the
 * 年检年度 members apply for now, join date counted back from today, 完善信息 and WeChat binding
 * when given. Answers whether the record was new. `put` writes each item: one conditional put by
 * default, batched by the volume loader (functions/local/volume.ts).
 */
export async function seedMember(
  demo: DemoMember & { account: DemoAccount },
  now: Date,
  put: (item: Record<string, unknown>) => Promise<boolean> = putOnce,
): Promise<boolean> {
  const { account, hours, feeStatus, wechatUser, inspectionInfo, joined, ...member } = demo
  const year = inspectionYearAt(now)
  const aMonthAgo = new Date(now.getTime() - 30 * 86_400_000).toISOString()
  const record: MemberRecord = { ...member, joinDate: demoJoinDate({ joined }, now), userType: account.userType }
  if (wechatUser) await seedWechatBinding(accountIdOf(account.userType, account.username), localOpenid(wechatUser), aMonthAgo)
  const created = await put({
    ...keys.member(member.memberNo),
    entity: 'member',
    ...record,
    GSI1PK: keys.associationMembers(member.associationCode),
    GSI1SK: member.memberNo,
  })
  // The member-number lookup (会员编号查询) finds a member by name and ID number through this item.
  await put({ ...keys.memberIdentity(identityDigest(member.idNumber)), entity: 'member-identity', memberNo: member.memberNo, name: member.name })
  for (const [index, entry] of hours.entries()) {
    await put({
      PK: keys.member(member.memberNo).PK,
      SK: `${keys.hoursPrefix(year)}seed-${index}`,
      entity: 'hours',
      year,
      detail: entry.source === 'online' ? '国家会计学院导入' : '所属注协已审核',
      at: `${year}-06-30T02:00:00.000Z`,
      ...entry,
    })
  }
  const counted = countsInFigures(record.userType)
  const hoursSummary = seededHoursSummary(member, year, hours)
  if (counted && hours.length) await put(hoursSummary.item)
  // A 待确认 fee is an offline payment the member declared: it waits in the association's inbox.
  const declared =
    feeStatus === '待确认'
      ? {
          offlineNote: '已通过银行转账缴纳会费',
          declaredAt: aMonthAgo,
          ...waitingFor(member.associationCode, 'fee_confirmation', {
            id: `${member.memberNo}-${year}`,
            title: member.name,
            subtitle: `${year}年度会费 · 线下缴纳 · ${member.memberNo}`,
            submittedAt: aMonthAgo,
            number: member.memberNo,
            name: member.name,
            year,
            state: 'new',
          }),
        }
      : {}
  await put({
    ...keys.fee(member.memberNo, year),
    entity: 'fee',
    status: feeStatus,
    version: 0,
    ...declared,
    ...(counted ? associationYearIndex(member.associationCode, year, 'FEE', member.memberNo) : {}),
  })
  if (inspectionInfo) await put({ ...keys.memberInfo(member.memberNo), entity: 'member-info', info: inspectionInfo, savedAt: record.joinDate })
  if (created) await countSeededMember(record, year, { ...feeCounts(feeStatus), hoursMet: Number(hoursSummary.met) })
  return created
}

/**
 * Writes the demo data as of the clock's day: hours and fees for the 年检年度 members apply for
 * now, join dates counted back from today.
 */
export async function seedDemoData(): Promise<{ created: number }> {
  const now = clock.now()
  let created = 0
  const writes = await Promise.all(DEMO_ACCOUNTS.map(seedAccount))
  created += writes.filter(Boolean).length
  for (const member of DEMO_MEMBERS) if (await seedMember(member, now)) created++
  created += await seedDemoAdmissions(putOnce, now)
  await seedDemoCatalogues(now)
  return { created }
}

/**
 * Every institute's demo catalogue for the year of continuing education at `now`, put in through
 * the same code an institute's signed push runs; a catalogue already there is left as a tester
 * may have changed it.
 */
export async function seedDemoCatalogues(now: Date): Promise<void> {
  for (const catalogue of demoCatalogues(learningYearAt(now))) {
    if (!(await dynamoEducationStore.catalogue(catalogue.institute, catalogue.year)).courses.length) {
      await importCatalogue({ education: dynamoEducationStore, accounts: dynamoAccountStore, clock }, catalogue)
    }
  }
}
