import type { PersonalExportFile } from '../../shared/api/personal-export-schemas'
import type { TrailEntry } from '../../shared/api/schemas'

/** One 个人信息导出 as kept on the member's account (the log the page lists). */
export interface PersonalExportRecord {
  /** The China day it was made (YYYY-MM-DD): one export a day. */
  id: string
  accountId: string
  status: 'building' | 'ready' | 'failed'
  createdAt: string
  /** After this, no file is handed out any more. */
  expiresAt: string
  /** Where its files are kept: a random prefix, never derived from who the member is. */
  objectPrefix: string
  files: Partial<Record<PersonalExportFile, { fileName: string; bytes: number; downloadedAt?: string }>>
}

/**
 * The log of a member's exports. Every change is conditional: one export a day (a failed or
 * abandoned one may be made again), and each file is handed out once.
 */
export interface PersonalExportRecords {
  /**
   * Starts today's export; false when the account already has one today that is not failed and
   * not abandoned (still building since before `abandonedBefore`).
   */
  begin(record: PersonalExportRecord, abandonedBefore: string): Promise<boolean>
  /** building → ready with the files' names and sizes. */
  finish(accountId: string, id: string, files: PersonalExportRecord['files']): Promise<void>
  /** building → failed. */
  fail(accountId: string, id: string): Promise<void>
  get(accountId: string, id: string): Promise<PersonalExportRecord | undefined>
  /** Newest first. */
  recent(accountId: string, limit: number): Promise<PersonalExportRecord[]>
  /**
   * Marks one file downloaded at `at`, only while the export is ready, not expired at `at` and
   * that file not yet downloaded: false otherwise (the caller reads the record to say why).
   */
  takeDownload(accountId: string, id: string, file: PersonalExportFile, at: string): Promise<boolean>
}

/** One stored item about the member, with the storage's keys and any secret (hashes, sealed values, counters) left out. */
export interface HeldRecord {
  /** What kind of item it is: the first part of its sort key (PROFILE, INSPECTION, HOURS, MESSAGE, AUDIT…). */
  kind: string
  /** The rest of its sort key, naming it among its kind (e.g. the year). */
  name: string
  data: Record<string, unknown>
  /** The approval steps of an application, claim or fee, when it has them. */
  trail?: TrailEntry[]
}

/** Everything kept about one member, read from their own partitions. */
export interface PersonalDataSource {
  /** Under the member number: profile, applications, fees, hours, claims, messages, certificates… */
  memberRecords(memberNo: string): Promise<HeldRecord[]>
  /** Under the account: the account, WeChat bindings, login sessions, the audit log. */
  accountRecords(accountId: string): Promise<HeldRecord[]>
  /** Subscription-message send credits. */
  subscriptionRecords(accountId: string): Promise<HeldRecord[]>
  /** The admission applications filed before they had a member number, found by their ID number's digest. */
  admissionRecords(identityDigest: string): Promise<HeldRecord[]>
}

/** Where an export's files are kept and how they are handed out. */
export interface PersonalExportFiles {
  /** Keeps a file that downloads as `fileName`. */
  store(key: string, body: Uint8Array, contentType: string, fileName: string): Promise<void>
  /** A GET link of `key` valid `seconds`. S3 checks its date on S3's own clock, so it is signed on the system's (README: Time). */
  link(key: string, seconds: number): Promise<string>
  /** A font with the Chinese characters (Noto Sans SC), for the PDF summary. */
  chineseFont(): Promise<Uint8Array>
}
