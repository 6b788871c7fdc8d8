import { deferred } from '../../shared/deferred'
import { GetCommand, QueryCommand, UpdateCommand } from './dynamo-client'
import * as z from 'zod'
import { ADMISSION_STAGES } from '../../shared/admission'
import { ApplicationFields } from '../../shared/api/admission-schemas'
import { chinaYear } from '../../shared/china-time'
import type { HandledDecision, PendingState } from '../../shared/workbench'
import { config } from '../config'
import type { AdmissionDecision, AdmissionInbox, AdmissionStore, ApplicantConsent, StoredApplication } from '../ports/admissions'
import { StaleWrite } from '../ports/outcomes'
import { applicationSubject } from '../ports/subscriptions'
import { dynamo, isConditionFailure, keys, newItemPut, transactNamed, type TransactItem } from './dynamo'
import { memberCountAdd } from './figures'
import { idempotencyPut, readIdempotent } from './idempotency'
import { decidePending, waitingFor } from './pending'
import { creditChangeItem } from './subscriptions-dynamo'
import { listTrail, trailPut } from './trail'
import { uploadClaimDelete, uploadClaimPut } from './uploads'

const SUBMIT_SCOPE = 'admission-submit'

/** Applications resubmitted without an e-mail or deregistration date store null for them. */
const storedApplication = deferred(() =>
  ApplicationFields.extend({
    email: z
      .string()
      .nullish()
      .transform((email) => email || undefined),
    deregisteredOn: z.string().nullish(),
    businessNo: z.string(),
    identityDigest: z.string(),
    stage: z.enum(ADMISSION_STAGES),
    version: z.number(),
    submittedAt: z.string(),
    updatedAt: z.string(),
    returnReason: z.string().optional(),
    rejectReason: z.string().optional(),
    memberNo: z.string().optional(),
    initialPasswordSealed: z.string().optional(),
    openid: z.string().optional(),
  }),
)

const parsed = (item: Record<string, unknown>): StoredApplication => storedApplication.parse(item)

const submittedResult = deferred(() => z.object({ businessNo: z.string(), stage: z.enum(ADMISSION_STAGES) }))

const trailOf = (businessNo: string) => keys.admission(businessNo).PK

/**
 * Inboxes list applications by when they were first submitted, under the 业务编号 (the applicant
 * has no member number yet) and the year of that submission.
 */
const listedAs = (inbox: AdmissionInbox, application: Pick<StoredApplication, 'businessNo' | 'submittedAt' | 'name'>) => ({
  id: application.businessNo,
  title: inbox.title,
  subtitle: inbox.subtitle,
  submittedAt: application.submittedAt,
  number: application.businessNo,
  name: application.name,
  year: chinaYear(new Date(application.submittedAt)),
})

const waitingIn = (inbox: AdmissionInbox, application: Pick<StoredApplication, 'businessNo' | 'submittedAt' | 'name'>, state?: PendingState) =>
  waitingFor(inbox.scope, 'admission', { ...listedAs(inbox, application), state })

/** Forwarding to CICPA is the local level's 通过. */
const HANDLED_AS: Record<AdmissionDecision['stage'], HandledDecision> = {
  cicpa_pending: 'approved',
  approved: 'approved',
  returned: 'returned',
  rejected: 'rejected',
}

/** The item of an application (and, while it waits, its place in an inbox); the demo data writes it too. */
export function applicationItem(application: StoredApplication, inbox?: AdmissionInbox) {
  return {
    ...keys.admission(application.businessNo),
    entity: 'admission',
    ...application,
    GSI2PK: keys.applicantPartition(application.identityDigest),
    GSI2SK: `${application.submittedAt}#${application.businessNo}`,
    ...(inbox ? waitingIn(inbox, application, 'new') : {}),
  }
}

const openApplicationPut = (identityDigest: string, businessNo: string) =>
  newItemPut({ ...keys.openAdmission(identityDigest), entity: 'open-admission', businessNo })

const openApplicationDelete = (identityDigest: string, businessNo: string): TransactItem => ({
  Delete: {
    TableName: config.tableName,
    Key: keys.openAdmission(identityDigest),
    ConditionExpression: 'businessNo = :businessNo',
    ExpressionAttributeValues: { ':businessNo': businessNo },
  },
})

const noMemberWithIdentity = (identityDigest: string): TransactItem => ({
  ConditionCheck: { TableName: config.tableName, Key: keys.memberIdentity(identityDigest), ConditionExpression: 'attribute_not_exists(PK)' },
})

/** Changes the application only from the stage and version it was read at: two reviewers acting at once cannot both succeed. */
const fromStageRead = (current: StoredApplication, set: Record<string, unknown>) =>
  decidePending(keys.admission(current.businessNo), current.version, set, { attribute: 'stage', pending: current.stage })

/** The applicant's answer to the subscription prompt, counted in the write that stores the application. */
const creditItems = (businessNo: string, consent: ApplicantConsent | undefined, at: string) =>
  (consent?.credits ?? []).map((change) => [`credit-${change.template}`, creditChangeItem(applicationSubject(businessNo), change, at)] as const)

/** Who already holds the person: a member with the ID number wins over an open application. */
function refusalOf(failed: readonly string[]) {
  if (failed.includes('no-member')) return 'already-member' as const
  if (failed.includes('open')) return 'already-open' as const
  return undefined
}

async function getApplication(businessNo: string) {
  const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.admission(businessNo), ConsistentRead: true }))
  return Item ? parsed(Item) : undefined
}

export const dynamoAdmissions: AdmissionStore = {
  get: getApplication,

  async latestOf(identityDigest) {
    const { Items } = await dynamo().send(
      new QueryCommand({
        TableName: config.tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :applicant',
        ExpressionAttributeValues: { ':applicant': keys.applicantPartition(identityDigest) },
        ScanIndexForward: false,
        Limit: 1,
      }),
    )
    const latest = Items?.[0]
    // The index is eventually consistent; the application itself is read strongly.
    return latest ? getApplication(z.object({ businessNo: z.string() }).parse(latest).businessNo) : undefined
  },

  async openOf(identityDigest) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.openAdmission(identityDigest), ConsistentRead: true }))
    return Item ? z.object({ businessNo: z.string() }).parse(Item).businessNo : undefined
  },

  async memberOfIdentity(identityDigest) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.memberIdentity(identityDigest) }))
    return Item ? z.object({ memberNo: z.string(), name: z.string() }).parse(Item) : undefined
  },

  trail: (businessNo) => listTrail(trailOf(businessNo)),

  earlierSubmit: (idempotency) => readIdempotent(SUBMIT_SCOPE, idempotency, submittedResult),

  async submit(application, { inbox, trail, idempotency, consent }) {
    const failed = await transactNamed([
      ['application', newItemPut(applicationItem({ ...application, ...(consent ? { openid: consent.openid } : {}) }, inbox))],
      ['open', openApplicationPut(application.identityDigest, application.businessNo)],
      ['no-member', noMemberWithIdentity(application.identityDigest)],
      [
        'idempotency',
        idempotencyPut(SUBMIT_SCOPE, idempotency, { businessNo: application.businessNo, stage: application.stage }, new Date(application.submittedAt)),
      ],
      ['trail', trailPut(trailOf(application.businessNo), trail)],
      ['photo', uploadClaimPut(application.photoKey)],
      ...creditItems(application.businessNo, consent, application.submittedAt),
    ])
    const refusal = refusalOf(failed)
    if (refusal) return refusal
    if (failed.length === 1 && failed[0] === 'application') return 'number-taken'
    if (failed.length) throw new StaleWrite(`admission submit: ${failed.join(', ')}`)
    return 'submitted'
  },

  async resubmit(current, { form, identityDigest, stage, updatedAt }, { inbox, trail, consent }) {
    const { businessNo } = current
    const items: (readonly [string, TransactItem])[] = [
      [
        'application',
        fromStageRead(current, {
          ...form,
          email: form.email ?? null,
          deregisteredOn: form.deregisteredOn ?? null,
          identityDigest,
          stage,
          updatedAt,
          returnReason: undefined,
          GSI2PK: keys.applicantPartition(identityDigest),
          ...waitingIn(inbox, current, 'resubmitted'),
          ...(consent ? { openid: consent.openid } : {}),
        }),
      ],
      ['trail', trailPut(trailOf(businessNo), trail)],
      ...creditItems(businessNo, consent, updatedAt),
    ]
    // A corrected ID number moves the one-open-application lock to the new number.
    if (identityDigest !== current.identityDigest) {
      items.push(
        ['old-open', openApplicationDelete(current.identityDigest, businessNo)],
        ['open', openApplicationPut(identityDigest, businessNo)],
        ['no-member', noMemberWithIdentity(identityDigest)],
      )
    }
    // A new photo takes the old one's place: the old one is no longer attached.
    if (form.photoKey !== current.photoKey) items.push(['photo', uploadClaimPut(form.photoKey)], ['old-photo', uploadClaimDelete(current.photoKey)])
    const failed = await transactNamed(items)
    const refusal = refusalOf(failed)
    if (refusal) return refusal
    if (failed.length) throw new StaleWrite(`admission resubmit: ${failed.join(', ')}`)
    return 'resubmitted'
  },

  async decide(current, decision, { updatedAt, trail, decidedIn, decidedBy }) {
    const { businessNo } = current
    const items: (readonly [string, TransactItem])[] = []
    if (decision.stage === 'cicpa_pending') {
      items.push(['application', fromStageRead(current, { stage: decision.stage, updatedAt, ...waitingIn(decision.inbox, current) })])
    } else if (decision.stage === 'approved') {
      const { account, member, sealedPassword } = decision.created
      items.push(
        ['application', fromStageRead(current, { stage: decision.stage, updatedAt, memberNo: member.memberNo, initialPasswordSealed: sealedPassword })],
        ['account', newItemPut({ ...keys.account(account.accountId), entity: 'account', ...account })],
        [
          'member',
          newItemPut({
            ...keys.member(member.memberNo),
            entity: 'member',
            ...member,
            admissionBusinessNo: businessNo,
            GSI1PK: keys.associationMembers(member.associationCode),
            GSI1SK: member.memberNo,
          }),
        ],
        ['identity', newItemPut({ ...keys.memberIdentity(current.identityDigest), entity: 'member-identity', memberNo: member.memberNo, name: member.name })],
        ['open', openApplicationDelete(current.identityDigest, businessNo)],
        ...memberCountAdd(member.associationCode, member.userType).map((item) => ['figures', item] as const),
      )
    } else if (decision.stage === 'returned') {
      items.push(['application', fromStageRead(current, { stage: decision.stage, updatedAt, returnReason: decision.reason })])
    } else {
      items.push(
        ['application', fromStageRead(current, { stage: decision.stage, updatedAt, rejectReason: decision.reason })],
        ['open', openApplicationDelete(current.identityDigest, businessNo)],
      )
    }
    const handled = { scopeCode: decidedIn.scope, kind: 'admission' as const, ...listedAs(decidedIn, current), decision: HANDLED_AS[decision.stage], decidedBy }
    items.push(['trail', trailPut(trailOf(businessNo), trail, handled)])
    const failed = await transactNamed(items)
    if (failed.length) throw new StaleWrite(`admission decision: ${failed.join(', ')}`)
  },

  async nextMemberSequence(prefix) {
    const { Attributes } = await dynamo().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: keys.counter(`member-no#${prefix}`),
        UpdateExpression: 'ADD #value :one',
        ExpressionAttributeNames: { '#value': 'value' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    )
    return z.object({ value: z.number() }).parse(Attributes).value
  },

  async memberExists(memberNo) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.member(memberNo), ProjectionExpression: 'PK' }))
    return Boolean(Item)
  },

  async forgetInitialPassword(businessNo, sealed) {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: config.tableName,
          Key: keys.admission(businessNo),
          UpdateExpression: 'REMOVE initialPasswordSealed',
          ConditionExpression: 'initialPasswordSealed = :sealed',
          ExpressionAttributeValues: { ':sealed': sealed },
        }),
      )
    } catch (error) {
      if (!isConditionFailure(error)) throw error
    }
  },
}
