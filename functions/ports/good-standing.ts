import type { GoodStandingApplication } from '../../shared/api/credential-schemas'
import type { TrailEntry } from '../../shared/api/schemas'

/** An application as stored: the public view plus its optimistic-lock counter. */
export type StoredGoodStanding = GoodStandingApplication & { version: number }

/** An application id names its member (`GS-<memberNo>-…`), so a member's own is recognised without a read. */
export const goodStandingId = (memberNo: string, at: Date) => `GS-${memberNo}-${at.getTime().toString(36)}`
export const memberNoOfGoodStanding = (id: string): string => id.split('-')[1] ?? ''

export interface GoodStandingStore {
  /**
   * Stores a new pending application (waiting in CICPA's inbox) with its first trail entry.
   * 'open-already' when the member has one waiting; nothing is written then.
   */
  create(application: GoodStandingApplication, inbox: { title: string; subtitle: string }, trail: TrailEntry): Promise<'created' | 'open-already'>
  get(id: string): Promise<StoredGoodStanding | undefined>
  /** The application's approval trail (查看审批信息), oldest first. */
  trail(id: string): Promise<TrailEntry[]>
  ofMember(memberNo: string): Promise<StoredGoodStanding[]>
  /**
   * Decides the pending application at the version read, with its trail entry (CICPA's 已办 record
   * of the decision, listed as `inbox` was and naming `decidedBy`); StaleWrite when it was decided meanwhile.
   */
  decide(
    current: StoredGoodStanding,
    decided: GoodStandingApplication,
    trail: TrailEntry,
    handled: { inbox: { title: string; subtitle: string }; decidedBy: string },
  ): Promise<void>
}

/** Where issued certificate PDFs are kept: made once, then handed out by short-lived links. */
export interface CertificatePdfs {
  exists(application: GoodStandingApplication): Promise<boolean>
  store(application: GoodStandingApplication, pdf: Uint8Array): Promise<void>
  /** A link to read the stored PDF for `DOWNLOAD_LINK_SECONDS` (ports/files.ts). */
  downloadLink(application: GoodStandingApplication): Promise<string>
}
