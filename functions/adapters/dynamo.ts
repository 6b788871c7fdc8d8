import { DynamoDocumentClient, QueryCommand, TransactWriteCommand, type QueryCommandInput } from './dynamo-client'
import { config } from '../config'
import { StaleWrite } from '../ports/outcomes'

let cached: { endpoint: string | undefined; client: DynamoDocumentClient } | undefined

/** One document client per process (per endpoint), reused across Lambda invocations. */
export function dynamo(): DynamoDocumentClient {
  const endpoint = config.dynamoEndpoint
  if (!cached || cached.endpoint !== endpoint) {
    cached = { endpoint, client: new DynamoDocumentClient({ region: config.region, endpoint }) }
  }
  return cached.client
}

/** Keys of the single table; every item kind builds its keys here so prefixes never collide. */
export const keys = {
  account: (accountId: string) => ({ PK: `ACCOUNT#${accountId}`, SK: 'ACCOUNT' }),
  member: (memberNo: string) => ({ PK: `MEMBER#${memberNo}`, SK: 'PROFILE' }),
  captcha: (captchaId: string) => ({ PK: `CAPTCHA#${captchaId}`, SK: 'CAPTCHA' }),
  outbox: (channel: string, recipient: string, at: string, id: string) => ({ PK: `OUTBOX#${channel}`, SK: `${recipient}#${at}#${id}` }),
  /** A password-reset flow, keyed by a hash of the id the client holds (the id itself is a bearer secret). */
  resetSession: (resetIdHash: string) => ({ PK: `RESET#${resetIdHash}`, SK: 'RESET' }),
  /** WeChat identity ↔ member account, one item each way so both lookups are a GetItem. */
  wechatBinding: (openid: string) => ({ PK: `WECHAT#${openid}`, SK: 'BINDING' }),
  accountWechat: (accountId: string) => ({ PK: `ACCOUNT#${accountId}`, SK: 'WECHAT' }),
  /** Send credits of one subscription-message template for one account (its own partition: deciding functions may update only these). */
  subscriptionCredit: (accountId: string, template: string) => ({ PK: `SUBSCRIBE#${accountId}`, SK: `TEMPLATE#${template}` }),
  /** The official account's openid ↔ member account (a separate identity from the mini-program's openid). */
  officialAccountBinding: (openid: string) => ({ PK: `OA#${openid}`, SK: 'BINDING' }),
  accountOfficialAccount: (accountId: string) => ({ PK: `ACCOUNT#${accountId}`, SK: 'OA' }),
  /** The web-authorization state handed to a signed-in member paying on the official account's page (TTL expiresAt). */
  payerAuthorizationState: (accountId: string) => ({ PK: `PAYSTATE#${accountId}`, SK: 'STATE' }),
  /** One app's access_token or jsapi_ticket, shared by every container (adapters/wechat-credentials.ts). */
  wechatCredential: (kind: string, appId: string) => ({ PK: `WECHATCRED#${appId}#${kind}`, SK: 'CREDENTIAL' }),
  /** One login (device) of the account: its refresh generation, beside the account. */
  accountSession: (accountId: string, sessionId: string) => ({ PK: `ACCOUNT#${accountId}`, SK: `SESSION#${sessionId}` }),
  audit: (accountId: string, at: string, id: string) => ({ PK: `ACCOUNT#${accountId}`, SK: `AUDIT#${at}#${id}` }),
  cooldown: (scope: string, subjectHash: string) => ({ PK: `COOLDOWN#${scope}#${subjectHash}`, SK: 'COOLDOWN' }),
  /** Failures counted against a subject (e.g. wrong passwords for one name from one source). */
  strikes: (scope: string, subjectHash: string) => ({ PK: `STRIKES#${scope}#${subjectHash}`, SK: 'STRIKES' }),
  admission: (businessNo: string) => ({ PK: `ADMISSION#${businessNo}`, SK: 'APPLICATION' }),
  /** One per person with an application not yet approved or rejected (digest of the ID number). */
  openAdmission: (identityDigest: string) => ({ PK: `APPLICANT#${identityDigest}`, SK: 'OPEN' }),
  /** GSI2 partition of one person's applications, newest last. */
  applicantPartition: (identityDigest: string) => `APPLICANT#${identityDigest}`,
  /** Finds a member by ID number (member-number lookup, no second membership). */
  memberIdentity: (identityDigest: string) => ({ PK: `MEMBERID#${identityDigest}`, SK: 'MEMBER' }),
  counter: (name: string) => ({ PK: `COUNTER#${name}`, SK: 'COUNTER' }),
  idempotency: (scope: string, key: string) => ({ PK: `IDEMPOTENCY#${scope}#${key}`, SK: 'IDEMPOTENCY' }),
  rateLimit: (bucket: string, client: string, windowStart: number) => ({ PK: `RATE#${bucket}#${client}`, SK: `WINDOW#${windowStart}` }),
  /** GSI1 partition of the items waiting for one approval level of one kind. */
  pendingPartition: (scopeCode: string, kind: string) => `PENDING#${scopeCode}#${kind}`,
  /** GSI3 / GSI4 partitions of a level's waiting items of every kind, searched by number or name. */
  pendingByNumber: (scopeCode: string) => `PENDINGNO#${scopeCode}`,
  pendingByName: (scopeCode: string) => `PENDINGNAME#${scopeCode}`,
  /** GSI1 / GSI3 / GSI4 partitions of what a level decided in one year (已办), listed by time, number or name. */
  handledPartition: (scopeCode: string, year: number) => `HANDLED#${scopeCode}#${year}`,
  handledByNumber: (scopeCode: string, year: number) => `HANDLEDNO#${scopeCode}#${year}`,
  handledByName: (scopeCode: string, year: number) => `HANDLEDNAME#${scopeCode}#${year}`,
  /** A member's inspection (or deferral) of one year, beside the profile under the member's PK. */
  inspection: (memberNo: string, year: number) => ({ PK: `MEMBER#${memberNo}`, SK: `INSPECTION#${year}` }),
  /** Where an inspection's approval trail lives (its own partition, so years never mix). */
  inspectionTrail: (inspectionId: string) => `INSPECTION#${inspectionId}`,
  inspectionPrefix: 'INSPECTION#',
  /** One step of an approval trail, under the partition of what it approves. */
  trail: (subjectPk: string, at: string, id: string) => ({ PK: subjectPk, SK: `TRAIL#${at}#${id}` }),
  trailPrefix: 'TRAIL#',
  fee: (memberNo: string, year: number) => ({ PK: `MEMBER#${memberNo}`, SK: `FEE#${year}` }),
  /** Where the decisions on a member's declared offline fee of a year are recorded (its id is the inspection id). */
  feeTrail: (feeId: string) => `FEE#${feeId}`,
  hoursPrefix: (year: number) => `HOURS#${year}#`,
  memberMessage: (memberNo: string, messageId: string) => ({ PK: `MEMBER#${memberNo}`, SK: `MESSAGE#${messageId}` }),
  memberMessagePrefix: 'MESSAGE#',
  paymentOrder: (outTradeNo: string) => ({ PK: `PAYORDER#${outTradeNo}`, SK: 'ORDER' }),
  /** The member's WeChat Pay openid under one appid (mini-program, official account), kept for the next payment. */
  payerOpenid: (memberNo: string, channel: string) => ({ PK: `MEMBER#${memberNo}`, SK: `PAYER#${channel}` }),
  /** 完善信息: the member's saved information and the draft being typed. */
  memberInfo: (memberNo: string) => ({ PK: `MEMBER#${memberNo}`, SK: 'INSPECTION_INFO' }),
  inspectionNotice: (associationCode: string) => ({ PK: `ASSOC#${associationCode}`, SK: 'INSPECTION_NOTICE' }),
  /** 在线学习: the institute a member chose for a year, and whether the year's learning fee is paid. */
  enrolment: (memberNo: string, year: number) => ({ PK: `MEMBER#${memberNo}`, SK: `EDU#${year}#ENROLMENT` }),
  lessonProgress: (memberNo: string, year: number, courseId: string, lessonId: string) => ({
    PK: `MEMBER#${memberNo}`,
    SK: `EDU#${year}#LESSON#${courseId}#${lessonId}`,
  }),
  lessonProgressPrefix: (year: number) => `EDU#${year}#LESSON#`,
  /** An institute's catalogue of one year: its META (learning fee) and one item per course. */
  cataloguePartition: (institute: string, year: number) => `CATALOGUE#${institute}#${year}`,
  catalogueMeta: (institute: string, year: number) => ({ PK: `CATALOGUE#${institute}#${year}`, SK: 'META' }),
  catalogueCourse: (institute: string, year: number, courseId: string) => ({ PK: `CATALOGUE#${institute}#${year}`, SK: `COURSE#${courseId}` }),
  /** Output-based hours already credited in one category and year: the cap is enforced against it. */
  outputCap: (memberNo: string, year: number, category: string) => ({ PK: `MEMBER#${memberNo}`, SK: `EDU#${year}#OUTPUTCAP#${category}` }),
  /** 产出式 and 减免 claims under the member; the claim id names the member. */
  hoursClaim: (memberNo: string, claimId: string) => ({ PK: `MEMBER#${memberNo}`, SK: `CLAIM#${claimId}` }),
  hoursClaimPrefix: 'CLAIM#',
  /** Held while a claim of the same content is pending or approved (its digest). */
  claimDedupe: (memberNo: string, dedupeKey: string) => ({ PK: `MEMBER#${memberNo}`, SK: `CLAIMKEY#${dedupeKey}` }),
  claimTrail: (claimId: string) => `CLAIM#${claimId}`,
  /** One month (YYYY-MM) a pending or approved exemption reduces, naming that claim: no second exemption can take it. */
  exemptionMonth: (memberNo: string, month: string) => ({ PK: `MEMBER#${memberNo}`, SK: `EDU#${month.slice(0, 4)}#EXEMPTMONTH#${month}` }),
  exemptionMonthPrefix: (year: number) => `EDU#${year}#EXEMPTMONTH#`,
  /** A signed import's nonce, kept until its timestamp is too old to be accepted anyway. */
  importNonce: (institute: string, nonce: string) => ({ PK: `IMPORTNONCE#${institute}#${nonce}`, SK: 'NONCE' }),
  /** GSI1 partition of an association's members. */
  associationMembers: (associationCode: string) => `ASSOC#${associationCode}#MEMBERS`,
  /** 良好存续证明 applications under the member (the id names the member), and the marker of the one waiting. */
  goodStanding: (memberNo: string, id: string) => ({ PK: `MEMBER#${memberNo}`, SK: `GOODSTANDING#${id}` }),
  goodStandingPrefix: 'GOODSTANDING#',
  goodStandingOpen: (memberNo: string) => ({ PK: `MEMBER#${memberNo}`, SK: 'GOODSTANDING_OPEN' }),
  goodStandingTrail: (id: string) => `GOODSTANDING#${id}`,
  /** Held while an uploaded object is attached somewhere: an object is attached once. */
  uploadClaim: (objectKey: string) => ({ PK: `UPLOAD#${objectKey}`, SK: 'UPLOAD' }),
  /** A staff member's export (TTL expiresAt), and the GSI1 partition listing their exports newest first. */
  exportJob: (id: string) => ({ PK: `EXPORT#${id}`, SK: 'EXPORT' }),
  exportsOf: (accountId: string) => `EXPORTS#${accountId}`,
  /** A member's 个人信息导出 of one China day: its own partition per account, newest day last. */
  personalExport: (accountId: string, day: string) => ({ PK: `PEXPORT#${accountId}`, SK: `DAY#${day}` }),
  personalExportsOf: (accountId: string) => `PEXPORT#${accountId}`,
  /** An association's counters of one 年检年度 (adapters/figures.ts), added to in the writes that change what they count. */
  figures: (associationCode: string, year: number) => ({ PK: `FIGURES#${associationCode}#${year}`, SK: 'FIGURES' }),
  /** How many non-practising members an association has, counted when a member is created. */
  associationMemberCount: (associationCode: string) => ({ PK: `FIGURES#${associationCode}`, SK: 'MEMBERS' }),
  /** A member's credited hours of one year, summed, and whether they meet the year's requirement. */
  hoursSummary: (memberNo: string, year: number) => ({ PK: `MEMBER#${memberNo}`, SK: `HOURSUM#${year}` }),
  /** GSI2 partition of an association's items of one kind and 年检年度 (GSI2SK = member number): recounts and exports read these. */
  associationYear: (associationCode: string, year: number, kind: 'INSPECTION' | 'FEE' | 'HOURS') => `ASSOCYEAR#${associationCode}#${year}#${kind}`,
  /** That a member was reminded of one reason on one China date (TTL expiresAt): created only if absent, so a rerun tells nobody twice. */
  reminderSent: (memberNo: string, date: string, reason: string) => ({ PK: `MEMBER#${memberNo}`, SK: `REMINDED#${date}#${reason}` }),
  /** One level's daily digest of new pending items (TTL expiresAt), newest last. */
  staffDigest: (scopeCode: string, date: string) => ({ PK: `DIGEST#${scopeCode}`, SK: `DAY#${date}` }),
}

export { epochSeconds } from '../ports/clock'

/** Counts what a query matches across all pages: a COUNT query still stops at 1 MB read. */
export async function countAll(input: Omit<QueryCommandInput, 'Select' | 'ExclusiveStartKey'>): Promise<number> {
  let count = 0
  let startKey: Record<string, unknown> | undefined
  do {
    const page = await dynamo().send(new QueryCommand({ ...input, Select: 'COUNT', ExclusiveStartKey: startKey }))
    count += page.Count ?? 0
    startKey = page.LastEvaluatedKey
  } while (startKey)
  return count
}

/** Every item a query matches, following the pages (each stops at 1 MB read). */
export async function queryAll(input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = []
  let startKey: Record<string, unknown> | undefined
  do {
    const page = await dynamo().send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }))
    items.push(...(page.Items ?? []))
    startKey = page.LastEvaluatedKey
  } while (startKey)
  return items
}

/** A member's items of one kind (their SK prefix), newest first when the SK sorts by time. */
export function memberItems(memberNo: string, prefix: string) {
  return queryAll({
    TableName: config.tableName,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.member(memberNo).PK, ':prefix': prefix },
    ScanIndexForward: false,
  })
}

/** A transaction element that creates an item, failing the transaction if it exists already. */
export function newItemPut(item: Record<string, unknown>) {
  return { Put: { TableName: config.tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } }
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ConditionalCheckFailedException' || error.name === 'TransactionCanceledException')
}

export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number]

/** Runs a conditional write; a failed condition means someone changed the item first: StaleWrite. */
export async function staleOnConflict<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (isConditionFailure(error)) throw new StaleWrite()
    throw error
  }
}

/**
 * One transaction of named items. Answers the names whose condition failed (none when it
 * committed), so callers read what went wrong by name rather than by position.
 */
export async function transactNamed<Name extends string>(items: readonly (readonly [Name, TransactItem])[]): Promise<Name[]> {
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: items.map(([, item]) => item) }))
    return []
  } catch (error) {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons
    if (!(error instanceof Error) || error.name !== 'TransactionCanceledException' || !reasons) throw error
    const failed = items.filter((_, index) => reasons[index]?.Code === 'ConditionalCheckFailed').map(([name]) => name)
    // Cancelled for another reason (a conflicting transaction in flight): the caller's read is stale.
    if (!failed.length) throw new StaleWrite('transaction cancelled')
    return failed
  }
}
