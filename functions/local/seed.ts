import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { dynamo, keys } from '../adapters/dynamo'
import { hashSecret } from '../auth/passwords'
import { config } from '../config'
import { accountIdOf, type Account, type MemberRecord } from '../ports/accounts'
import { DEMO_ACCOUNTS, DEMO_MEMBERS, DEMO_YEAR, type DemoAccount } from './demo-data'

/** Writes an item only if it is not there yet, so re-seeding never overwrites what a tester changed. */
async function putOnce(item: Record<string, unknown>): Promise<boolean> {
  try {
    await dynamo().send(new PutCommand({ TableName: config.tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' }))
    return true
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false
    throw error
  }
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
    passwordHash: await hashSecret(demo.password),
    mustChangePassword: demo.mustChangePassword,
    failedAttempts: 0,
    tokenVersion: 0,
    version: 0,
    ...(demo.role === 'member' ? { memberNo: demo.username } : {}),
  }
  return { ...keys.account(accountId), entity: 'account', ...account }
}

export async function seedDemoData(): Promise<{ created: number }> {
  let created = 0
  const writes = await Promise.all(DEMO_ACCOUNTS.map(async (demo) => putOnce(await accountItem(demo))))
  created += writes.filter(Boolean).length
  for (const { account, hours, feeStatus, ...member } of DEMO_MEMBERS) {
    const record: MemberRecord = { ...member, userType: account.userType }
    if (await putOnce({ ...keys.member(member.memberNo), entity: 'member', ...record, GSI1PK: `ASSOC#${member.associationCode}#MEMBERS`, GSI1SK: member.memberNo })) created++
    for (const [index, entry] of hours.entries()) {
      await putOnce({ PK: keys.member(member.memberNo).PK, SK: `HOURS#${entry.year}#seed-${index}`, entity: 'hours', ...entry })
    }
    await putOnce({ PK: keys.member(member.memberNo).PK, SK: `FEE#${DEMO_YEAR}`, entity: 'fee', status: feeStatus })
  }
  return { created }
}
