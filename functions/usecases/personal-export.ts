import { randomUUID } from 'node:crypto'
import type { PersonalExport, PersonalExportFile, PersonalExportStatus } from '../../shared/api/personal-export-schemas'
import { chinaDate, formatChinaTime, startOfChinaDate } from '../../shared/china-time'
import { identityDigest } from '../auth/sealed'
import type { Caller } from '../auth/tokens'
import type { AccountStore } from '../ports/accounts'
import type { Clock } from '../ports/clock'
import type { OperationsLog } from '../ports/operations-log'
import type { HeldRecord, PersonalDataSource, PersonalExportFiles, PersonalExportRecord, PersonalExportRecords } from '../ports/personal-export'
import { AppError, notFound } from './errors'
import type { PersonalDataSection } from './personal-export-pdf'

export interface PersonalExportDeps {
  records: PersonalExportRecords
  data: PersonalDataSource
  files: PersonalExportFiles
  accounts: AccountStore
  log: OperationsLog
  clock: Clock
}

/** Each file may be fetched once within a day of the export: long enough to come back to it, short enough not to linger. */
const VALID_MS = 24 * 3_600_000
/** The link itself only has to reach the phone's download: a minute. */
const LINK_SECONDS = 60
/** A build runs inside one request (API Gateway gives up after 30 s): one still building after this never finishes. */
const ABANDONED_MS = 10 * 60_000
const RECENT_EXPORTS = 30

const STATUS_LABELS: Record<PersonalExportStatus, string> = {
  building: '生成中',
  ready: '可下载',
  downloaded: '已下载',
  expired: '已过期',
  failed: '生成失败',
}
const FILE_LABELS: Record<PersonalExportFile, string> = { pdf: 'PDF 摘要（便于阅读）', json: 'JSON 数据（全部信息）' }
const CONTENT_TYPES: Record<PersonalExportFile, string> = { pdf: 'application/pdf', json: 'application/json; charset=utf-8' }

/**
 * The sections of an export, each the kinds of stored items it gathers (the first part of their
 * sort key). What no section names lands in 其他记录, so whatever is kept is exported.
 */
const SECTIONS: readonly (Omit<PersonalDataSection, 'records'> & { kinds: readonly string[] })[] = [
  { key: 'profile', title: '基本信息', kinds: ['PROFILE', 'INSPECTION_INFO'] },
  { key: 'account', title: '账户与登录', kinds: ['ACCOUNT', 'SESSION', 'AUDIT'] },
  { key: 'admissions', title: '入会申请', kinds: ['ADMISSION'] },
  { key: 'applications', title: '年检与暂缓年检申请', kinds: ['INSPECTION'] },
  { key: 'payments', title: '会费与缴费', kinds: ['FEE', 'PAYER'] },
  { key: 'hours', title: '继续教育与学时', kinds: ['EDU', 'HOURS', 'HOURSUM'] },
  { key: 'claims', title: '产出式学时与减免学时申报', kinds: ['CLAIM', 'CLAIMKEY'] },
  { key: 'messages', title: '消息与提醒', kinds: ['MESSAGE', 'REMINDED'] },
  { key: 'certificates', title: '证明与证书', kinds: ['GOODSTANDING', 'GOODSTANDING_OPEN'] },
  { key: 'wechat', title: '微信绑定与订阅消息', kinds: ['WECHAT', 'OA', 'TEMPLATE'] },
  { key: 'exports', title: '个人信息导出记录', kinds: ['PEXPORT'] },
]
const OTHER = { key: 'other', title: '其他记录' }

function sectionsOf(records: readonly HeldRecord[]): PersonalDataSection[] {
  const sections = SECTIONS.map(({ kinds, ...section }) => ({ ...section, records: records.filter((record) => kinds.includes(record.kind)) }))
  const known = new Set(SECTIONS.flatMap((section) => section.kinds))
  return [...sections, { ...OTHER, records: records.filter((record) => !known.has(record.kind)) }]
}

/** The export log as the member reads it: a file once fetched, or the day past, cannot be had again. */
function view(record: PersonalExportRecord, now: Date): PersonalExport {
  const files = (Object.keys(FILE_LABELS) as PersonalExportFile[]).flatMap((file) => {
    const stored = record.files[file]
    return stored ? [{ file, label: FILE_LABELS[file], fileName: stored.fileName, bytes: stored.bytes, downloadedAt: stored.downloadedAt ?? null }] : []
  })
  const abandoned = record.status === 'building' && now.getTime() - Date.parse(record.createdAt) > ABANDONED_MS
  const status: PersonalExportStatus =
    record.status === 'failed' || abandoned
      ? 'failed'
      : record.status === 'building'
        ? 'building'
        : files.every((file) => file.downloadedAt)
          ? 'downloaded'
          : now.toISOString() >= record.expiresAt
            ? 'expired'
            : 'ready'
  return { id: record.id, createdAt: record.createdAt, status, statusLabel: STATUS_LABELS[status], expiresAt: record.expiresAt, files }
}

const objectKey = (record: PersonalExportRecord, file: PersonalExportFile) => `${record.objectPrefix}${file === 'pdf' ? 'summary.pdf' : 'data.json'}`

const nextDay = (day: string) => new Date(startOfChinaDate(day).getTime() + 24 * 3_600_000)

/** Today's export counts unless it failed: then the member may try again the same day. */
function nextAllowedAt(latest: PersonalExportRecord | undefined, now: Date): string | null {
  if (!latest || latest.id !== chinaDate(now) || view(latest, now).status === 'failed') return null
  return nextDay(latest.id).toISOString()
}

export async function personalExports(deps: PersonalExportDeps, caller: Caller): Promise<{ items: PersonalExport[]; nextAllowedAt: string | null }> {
  const records = await deps.records.recent(caller.accountId, RECENT_EXPORTS)
  const now = deps.clock.now()
  return { items: records.map((record) => view(record, now)), nextAllowedAt: nextAllowedAt(records[0], now) }
}

async function memberOf(deps: PersonalExportDeps, caller: Caller) {
  const member = await deps.accounts.getMember(caller.username)
  if (!member) throw new AppError('NOT_FOUND', '会员信息不存在，请联系所属注协')
  return member
}

/** Everything held about the member, read from their own partitions only. */
async function heldRecords(deps: PersonalExportDeps, caller: Caller, memberNo: string, idNumber: string): Promise<HeldRecord[]> {
  const [member, account, subscriptions, admissions, exports] = await Promise.all([
    deps.data.memberRecords(memberNo),
    deps.data.accountRecords(caller.accountId),
    deps.data.subscriptionRecords(caller.accountId),
    deps.data.admissionRecords(identityDigest(idNumber)),
    deps.records.recent(caller.accountId, RECENT_EXPORTS),
  ])
  const exportLog = exports.map(({ id, createdAt, status, files }) => ({
    kind: 'PEXPORT',
    name: id,
    data: { createdAt, status, downloads: Object.fromEntries(Object.entries(files).map(([file, stored]) => [file, stored?.downloadedAt ?? null])) },
  }))
  return [...member, ...account, ...subscriptions, ...admissions, ...exportLog]
}

/**
 * 个人信息导出: builds the member's data as JSON and a PDF summary, in the request (about a second:
 * a handful of Queries and one PDF), stored under a random prefix; once a China day.
 */
export async function startPersonalExport(deps: PersonalExportDeps, caller: Caller): Promise<PersonalExport> {
  const member = await memberOf(deps, caller)
  const now = deps.clock.now()
  const id = chinaDate(now)
  const record: PersonalExportRecord = {
    id,
    accountId: caller.accountId,
    status: 'building',
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + VALID_MS).toISOString(),
    objectPrefix: `personal-exports/${randomUUID()}/`,
    files: {},
  }
  if (!(await deps.records.begin(record, new Date(now.getTime() - ABANDONED_MS).toISOString()))) {
    throw new AppError('RATE_LIMITED', `个人信息每天可导出一次，今天已导出；请于${formatChinaTime(nextDay(id).toISOString())}后再试`)
  }
  try {
    const sections = sectionsOf(await heldRecords(deps, caller, member.memberNo, member.idNumber))
    const document = {
      title: '个人信息导出',
      memberNo: member.memberNo,
      exportedAt: record.createdAt,
      note: '本文件包含本系统保存的您的全部个人信息（不含密码散列等系统安全数据）。请妥善保管，勿转发他人。',
      sections: Object.fromEntries(sections.map((section) => [section.key, { title: section.title, records: section.records }])),
    }
    const stamp = id.replaceAll('-', '')
    // pdf-lib and fontkit load with the first export drawn: the list and the downloads, what the page opens with, never draw one.
    const [{ personalExportPdf }, font] = await Promise.all([import('./personal-export-pdf'), deps.files.chineseFont()])
    const contents: Record<PersonalExportFile, Uint8Array> = {
      json: new TextEncoder().encode(JSON.stringify(document, null, 2)),
      pdf: await personalExportPdf({ memberNo: member.memberNo, name: member.name, exportedAt: now, sections }, font),
    }
    const files: PersonalExportRecord['files'] = {}
    await Promise.all(
      (Object.keys(contents) as PersonalExportFile[]).map(async (file) => {
        const fileName = `个人信息导出_${member.memberNo}_${stamp}.${file}`
        await deps.files.store(objectKey(record, file), contents[file], CONTENT_TYPES[file], fileName)
        files[file] = { fileName, bytes: contents[file].byteLength }
      }),
    )
    await deps.records.finish(caller.accountId, id, files)
    return view({ ...record, status: 'ready', files }, deps.clock.now())
  } catch (error) {
    // The error's text may quote what was being written: only its kind is logged.
    deps.log.businessEvent('personal-export-failed', { exportId: id, error: error instanceof Error ? error.name : 'unknown' })
    await deps.records.fail(caller.accountId, id)
    throw new AppError('INTERNAL', '个人信息导出生成失败，请稍后重试')
  }
}

/**
 * Hands out one file of the member's own export, once: the file is marked downloaded by a
 * conditional write before its link is signed, so of two requests one gets the link.
 */
export async function downloadPersonalExport(
  deps: PersonalExportDeps,
  caller: Caller,
  id: string,
  file: PersonalExportFile,
): Promise<{ url: string; fileName: string; expiresAt: string }> {
  // Under the caller's own account: another member's export is not there to be found.
  const record = await deps.records.get(caller.accountId, id)
  if (!record) throw notFound('导出记录')
  const now = deps.clock.now()
  if (!(await deps.records.takeDownload(caller.accountId, id, file, now.toISOString()))) {
    const current = (await deps.records.get(caller.accountId, id)) ?? record
    const stored = current.files[file]
    if (stored?.downloadedAt) {
      throw new AppError(
        'CONFLICT',
        `该文件已于${formatChinaTime(stored.downloadedAt)}下载过，为保护您的个人信息，每个文件只能下载一次；如需再次获取，请重新导出`,
      )
    }
    const status = view(current, now).status
    if (status === 'expired') throw new AppError('CONFLICT', '下载期限已过（导出后24小时内有效），请重新导出')
    if (status === 'building') throw new AppError('CONFLICT', '导出文件仍在生成，请稍后再试')
    throw new AppError('CONFLICT', '该次导出未能生成，请重新导出')
  }
  const fileName = record.files[file]!.fileName
  return {
    url: await deps.files.link(objectKey(record, file), LINK_SECONDS),
    fileName,
    expiresAt: new Date(now.getTime() + LINK_SECONDS * 1000).toISOString(),
  }
}
