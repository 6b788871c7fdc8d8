import type { InspectionKind, InspectionStatus } from '../../shared/inspection'
import type { ExportKind, ExportStatus } from '../../shared/workbench'

/** One export a staff member started: who may read it, what it covers and how far it got. */
export interface ExportJobRecord {
  id: string
  /** Only this account reads the job and gets its link. */
  ownerAccountId: string
  kind: ExportKind
  year?: number
  /** An association's code, or ALL_ASSOCIATIONS. */
  associationCode: string
  status: ExportStatus
  processed: number
  total?: number
  createdAt: string
  finishedAt?: string
  /** What the download is called (Chinese, shown by the browser or WeChat). */
  fileName: string
  objectKey: string
  failure?: string
}

/**
 * Export jobs. Every status change is conditional on the status it leaves: queued → running → done
 * or failed, so a second start of the worker (a retried invocation) finds the job taken.
 */
export interface ExportJobs {
  /** Fails (StaleWrite) when the id is taken. `expiresAt` in epoch seconds (TTL). */
  create(job: ExportJobRecord, expiresAt: number): Promise<void>
  get(id: string): Promise<ExportJobRecord | undefined>
  /** The owner's newest jobs first. */
  recent(ownerAccountId: string, limit: number): Promise<ExportJobRecord[]>
  /** queued → running; false when the job is not queued (any more). */
  begin(id: string): Promise<boolean>
  /** While running: rows written so far, and how many there will be once known. */
  progress(id: string, processed: number, total?: number): Promise<void>
  finish(id: string, processed: number, at: string): Promise<void>
  /** queued or running → failed, with the reason the staff member reads. */
  fail(id: string, failure: string, at: string): Promise<void>
}

/** Starts the worker for a job in the background; answers once the start was accepted. */
export interface ExportRunner {
  start(jobId: string): Promise<void>
}

/** A member of an association, as an export shows them (never the ID number). */
export interface ExportMember {
  memberNo: string
  name: string
  workUnit?: string
}

export interface ExportInspection {
  memberNo: string
  kind: InspectionKind
  status: InspectionStatus
  submittedAt?: string
  decidedAt?: string
  returnReason?: string
}

export interface ExportHours {
  memberNo: string
  /** Credited hours of the year. */
  total: number
  /** Whether they meet the year's requirement. */
  met: boolean
}

/**
 * What exports read, association by association, each sequence in 会员编号 order so that members
 * and their year's items are joined as they stream, never held whole.
 */
export interface ExportSources {
  /** The association's non-practising members: those who take the 年检. */
  members(associationCode: string): AsyncIterable<ExportMember>
  inspections(associationCode: string, year: number): AsyncIterable<ExportInspection>
  hours(associationCode: string, year: number): AsyncIterable<ExportHours>
}

export interface SheetColumn {
  header: string
  /** In characters. */
  width: number
}

export type SheetRow = readonly (string | number)[]

/** Writes export files as their rows stream in. */
export interface ExportWorkbooks {
  /** A one-sheet workbook at `key`, downloaded as `fileName`; a failure leaves nothing behind. */
  write(key: string, fileName: string, sheet: { name: string; columns: readonly SheetColumn[]; rows: AsyncIterable<SheetRow> }): Promise<void>
}

/** Hands out finished files. */
export interface ExportLinks {
  /** A link to the file, valid for DOWNLOAD_LINK_SECONDS. */
  downloadUrl(key: string): Promise<string>
}
