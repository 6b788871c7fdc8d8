import type { HoursClaim } from '../../shared/api/education-schemas'
import type { MemberMessage } from '../../shared/api/inspection-schemas'
import type { TrailEntry } from '../../shared/api/schemas'
import type { HoursRow } from './hours'

export interface StoredProof {
  key: string
  fileName: string
  size: number
}

/** A claim as stored: the public view (its label derives from the status) plus who it belongs to and where its proofs are. */
export interface StoredClaim extends Omit<HoursClaim, 'statusLabel'> {
  memberNo: string
  memberName: string
  associationCode: string
  proofs: StoredProof[]
  /** Digest of what was claimed: the same claim cannot be pending or approved twice. */
  dedupeKey: string
}

/** A claim id names its member (`HC-<memberNo>-…`), so a member's own claims are found without a read. */
export const claimIdPrefix = (memberNo: string) => `HC-${memberNo}-`
export const memberNoOfClaim = (id: string): string => id.split('-')[1] ?? ''

export type ClaimDecision = Pick<HoursClaim, 'status' | 'creditedHours' | 'capNote' | 'returnReason' | 'decidedAt'> & { decidedBy: string }

/** What an approval credits: the hours row and, for output-based hours, the category's yearly total it raises. */
export interface ClaimCredit {
  hours: HoursRow & { category?: string }
  /** Raised from exactly the `before` the decision read, so two approvals cannot both fill the same cap. */
  categoryTotal?: { category: string; before: number; after: number }
}

export interface HoursClaims {
  /**
   * Stores a new pending claim (waiting in its association's inbox) with its first trail entry, and
   * claims its proofs' attached keys. 'duplicate' when the same claim is pending or approved;
   * 'months-taken' when another exemption holds one of its months. StaleWrite when a proof is
   * attached elsewhere already.
   */
  create(claim: StoredClaim, inbox: { title: string; subtitle: string }, trail: TrailEntry): Promise<'created' | 'duplicate' | 'months-taken'>
  get(id: string): Promise<StoredClaim | undefined>
  ofMember(memberNo: string): Promise<StoredClaim[]>
  /** Month (YYYY-MM) → id of the claim holding it, read consistently: a claim stored a moment ago counts. */
  exemptionMonthHolders(memberNo: string, year: number): Promise<Map<string, string>>
  /** Output-based hours credited in one category and year so far. */
  categoryCredited(memberNo: string, year: number, category: string): Promise<number>
  trail(id: string): Promise<TrailEntry[]>
  /**
   * Decides the pending claim at the version read, in one write with its trail entry, the member's
   * message and what it credits; a returned claim releases its content and months for a new claim.
   * 'claim-changed' when it was decided or changed since; 'total-changed' when the category's total
   * moved since it was read. Nothing is written then.
   */
  decide(
    claim: StoredClaim,
    decision: ClaimDecision,
    effects: { trail: TrailEntry; message: MemberMessage; credit?: ClaimCredit },
  ): Promise<'decided' | 'claim-changed' | 'total-changed'>
}
