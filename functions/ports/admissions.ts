import type { AdmissionStage } from '../../shared/admission'
import type { ApplicationFields } from '../../shared/api/admission-schemas'
import type { TrailEntry } from '../../shared/api/schemas'
import type { Account, MemberRecord } from './accounts'
import type { IdempotencyClaim, IdempotentRead } from './idempotency'
import type { CreditChange } from './subscriptions'

/** One admission application as stored: the form plus where it stands. */
export interface StoredApplication extends ApplicationFields {
  businessNo: string
  identityDigest: string
  stage: AdmissionStage
  version: number
  submittedAt: string
  updatedAt: string
  returnReason?: string
  rejectReason?: string
  memberNo?: string
  /** AES-GCM sealed initial password; removed once the member has replaced it. */
  initialPasswordSealed?: string
  /** The applicant's mini-program openid, for the decision's subscription message; never shown or logged. */
  openid?: string
}

/** The applicant's answer to the subscription prompt at (re)submission, stored with the application. */
export interface ApplicantConsent {
  openid: string
  credits: CreditChange[]
}

/** The staff inbox an application waits in (an association's code or CICPA's), and how it is listed there. */
export interface AdmissionInbox {
  scope: string
  title: string
  subtitle: string
}

/** The submit's result, kept with its idempotency key so a retry answers the same. */
export interface SubmittedResult {
  businessNo: string
  stage: AdmissionStage
}

/** Why a submission or resubmission was not stored; nothing is written then. */
export type AdmissionRefusal = 'already-member' | 'already-open'

/** A returned application's corrected form, back at the first review. */
export interface Resubmission {
  form: ApplicationFields
  identityDigest: string
  stage: 'local_pending'
  updatedAt: string
}

/** The member an approval creates, in the same write as the decision. */
export interface NewMember {
  account: Account
  member: MemberRecord
  sealedPassword: string
}

export type AdmissionDecision =
  | { stage: 'cicpa_pending'; inbox: AdmissionInbox }
  | { stage: 'approved'; created: NewMember }
  | { stage: 'returned'; reason: string }
  | { stage: 'rejected'; reason: string }

export interface AdmissionStore {
  get(businessNo: string): Promise<StoredApplication | undefined>
  /** The person's most recent application. */
  latestOf(identityDigest: string): Promise<StoredApplication | undefined>
  /** The business number of the person's application not yet approved or rejected. */
  openOf(identityDigest: string): Promise<string | undefined>
  memberOfIdentity(identityDigest: string): Promise<{ memberNo: string; name: string } | undefined>
  trail(businessNo: string): Promise<TrailEntry[]>
  /** What an earlier submit with the same idempotency key stored. */
  earlierSubmit(idempotency: IdempotencyClaim): Promise<IdempotentRead<SubmittedResult>>
  /**
   * Stores a new application waiting in `inbox`, with its first trail entry, the submit's
   * idempotency record and the applicant's subscription credits, claiming its photo. 'number-taken' when its business number exists;
   * StaleWrite when the photo was claimed or the idempotency key used meanwhile.
   */
  submit(
    application: StoredApplication,
    effects: { inbox: AdmissionInbox; trail: TrailEntry; idempotency: IdempotencyClaim; consent?: ApplicantConsent },
  ): Promise<'submitted' | 'number-taken' | AdmissionRefusal>
  /**
   * Replaces a returned application's form (read at its version) and puts it back in `inbox`; a
   * new ID number moves the one-open-application lock, a new photo takes the old one's claim, a
   * consent replaces the openid. StaleWrite when the application changed since it was read.
   */
  resubmit(
    current: StoredApplication,
    change: Resubmission,
    effects: { inbox: AdmissionInbox; trail: TrailEntry; consent?: ApplicantConsent },
  ): Promise<'resubmitted' | AdmissionRefusal>
  /**
   * Decides the pending application at the stage and version read, with its trail entry, which
   * is also the 已办 record of the level it waited in (`decidedIn`, as listed there) and names
   * `decidedBy`; StaleWrite when it changed meanwhile.
   */
  decide(
    current: StoredApplication,
    decision: AdmissionDecision,
    effects: { updatedAt: string; trail: TrailEntry; decidedIn: AdmissionInbox; decidedBy: string },
  ): Promise<void>
  /** The next value of the member-number sequence under `prefix` (two callers never get the same one). */
  nextMemberSequence(prefix: string): Promise<number>
  memberExists(memberNo: string): Promise<boolean>
  /** Forgets the sealed initial password once replaced (only if it is still `sealed`). */
  forgetInitialPassword(businessNo: string, sealed: string): Promise<void>
}
