import type { MaterialUploads, MemberInfo, MemberInfoDraft, MemberMessage } from '../../shared/api/inspection-schemas'
import type { TrailEntry } from '../../shared/api/schemas'
import type { InspectionWindow } from '../../shared/calendar'
import type { InspectionKind, InspectionStatus, MaterialPurpose } from '../../shared/inspection'

export interface StoredFile {
  fileId: string
  key: string
  name: string
  size: number
  contentType: string
}

export interface InspectionRecord {
  id: string
  memberNo: string
  year: number
  kind: InspectionKind
  status: InspectionStatus
  /** Bumped by every write: a write states the version it read. */
  version: number
  associationCode: string
  memberName: string
  submittedAt?: string
  decidedAt?: string
  returnReason?: string
  deferralReason?: string
  /** 申请材料 of the inspection application. */
  files: StoredFile[]
  /** 暂缓证明材料 of a deferral. */
  deferralFiles: StoredFile[]
}

/** The record's attribute holding each purpose's files. */
export const FILE_LISTS: Record<MaterialPurpose, 'files' | 'deferralFiles'> = { inspection: 'files', deferral: 'deferralFiles' }

export function filesOf(record: InspectionRecord | undefined, purpose: MaterialPurpose): StoredFile[] {
  return record ? record[FILE_LISTS[purpose]] : []
}

/** What a decision or correction leaves behind besides the new status: its trail entry and the member's message. */
export interface DecisionEffects {
  trail: TrailEntry
  message: MemberMessage
}

export interface InspectionStore {
  get(memberNo: string, year: number): Promise<InspectionRecord | undefined>
  /** Every year's record of one member, newest year first. */
  list(memberNo: string): Promise<InspectionRecord[]>
  /**
   * Submits (or resubmits) in one write with its trail entry: the record becomes pending and waits
   * in its association's inbox; for an inspection the fee must still allow applying at that moment.
   * `expectedVersion` undefined means "no record yet". StaleWrite when anything changed meanwhile.
   */
  submit(input: {
    memberNo: string
    year: number
    kind: InspectionKind
    associationCode: string
    memberName: string
    expectedVersion: number | undefined
    /** The status read with `expectedVersion`. */
    previousStatus?: InspectionStatus
    deferralReason?: string
    trail: TrailEntry
  }): Promise<void>
  /** A staff decision on the pending version the staff member reviewed; StaleWrite when it was decided or resubmitted meanwhile. */
  decide(
    record: InspectionRecord,
    decision: { status: InspectionStatus; returnReason?: string },
    /** The trail entry is also the association's 已办 record of the decision, naming `decidedBy`. */
    effects: DecisionEffects & { decidedBy: string },
  ): Promise<void>
  /**
   * A correction of a decided record from the status and version read: reopening puts it back in
   * its association's inbox, a revocation keeps it out. StaleWrite when it changed meanwhile.
   */
  correct(record: InspectionRecord, status: 'pending' | 'revoked', effects: DecisionEffects): Promise<void>
  /**
   * Adds a file to the year's record (a draft is created when there is none) and claims its
   * object in the same write; refused when the record may no longer change, the list is full or
   * the object is attached already.
   */
  attachFile(input: {
    memberNo: string
    year: number
    memberName: string
    associationCode: string
    purpose: MaterialPurpose
    file: StoredFile
    maxFiles: number
  }): Promise<boolean>
  /** Removes one file and its object's claim; false when the file is not on the record read. StaleWrite when the record changed meanwhile. */
  removeFile(record: InspectionRecord, purpose: MaterialPurpose, fileId: string): Promise<boolean>
  /** The approval trail (查看审批信息) of one inspection, oldest first. */
  trail(inspectionId: string): Promise<TrailEntry[]>
}

/** An association's 年检 settings: its notice and the application windows it set, by 年检年度. */
export interface InspectionSettings {
  notice: string
  version: number
  windows: Record<number, InspectionWindow>
  /** Saved before the sections could be closed: both open. */
  uploads?: MaterialUploads
}

export interface InspectionSettingsStore {
  read(associationCode: string): Promise<InspectionSettings | undefined>
  /** Saves over the version the editor read (0: none yet); StaleWrite when a newer save came in between. */
  save(
    associationCode: string,
    settings: Required<Omit<InspectionSettings, 'version'>>,
    by: { username: string; at: string },
    expectedVersion: number,
  ): Promise<void>
}

/** 完善信息: the member's saved information and the draft being typed. */
export interface SavedMemberInfo {
  saved: MemberInfo | null
  savedAt: string | null
  draft: MemberInfoDraft | null
  /** 0 until anything is written; every draft and save counts it up. */
  version: number
}

/**
 * Both writes go over the version the member's screen read and answer what they stored, with its
 * new version; StaleWrite when another device or tab wrote in between.
 */
export interface MemberInfoStore {
  read(memberNo: string): Promise<SavedMemberInfo>
  /** The draft replaces the previous one whole: it is what the member's screen shows. */
  saveDraft(memberNo: string, draft: MemberInfoDraft, at: string, expectedVersion: number): Promise<SavedMemberInfo>
  save(memberNo: string, info: MemberInfo, at: string, expectedVersion: number): Promise<SavedMemberInfo>
}

/** The member's messages about decisions (🔔 on the home page). */
export interface MemberMessages {
  list(memberNo: string): Promise<MemberMessage[]>
  countUnread(memberNo: string): Promise<number>
  /** False when the member has no such message. */
  markRead(memberNo: string, messageId: string): Promise<boolean>
}
