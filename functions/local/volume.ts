import { BatchWriteCommand, GetCommand, TransactWriteCommand } from '../adapters/dynamo-client'
import { MEMBER_NO_REGION, formatMemberNo, idCheckChar, memberNoPrefix } from '../../shared/admission'
import { associationName, CICPA_CODE } from '../../shared/associations'
import { chinaYear } from '../../shared/china-time'
import { inspectionYearAt } from '../../shared/calendar'
import type { FeeStatus } from '../../shared/fee'
import { inspectionId, trailNode, type InspectionKind } from '../../shared/inspection'
import { dynamo, keys, type TransactItem } from '../adapters/dynamo'
import { associationYearIndex, feeCounts, figuresChange, inspectionCounts, seededHoursSummary } from '../adapters/figures'
import { waitingForReview } from '../adapters/inspection-dynamo'
import { trailPut } from '../adapters/trail'
import { config } from '../config'
import type { DemoAccount, DemoMember } from './demo-data'
import { seedMember } from './seed'

/**
 * A province's worth of members and pending items (issue 17's 浙江: 20,000 members, 5,000 waiting)
 * for trying the staff workbench and for bench/workbench.ts. Members are written as the demo seed
 * writes them (`seedMember`), pending inspections and deferrals from the builders the application
 * submits them with, all in BatchWriteItem chunks (a transaction per item would take the local
 * engine many minutes); the figures are then made equal to a recount. Deterministic: the same
 * options give the same people.
 */
interface VolumeOptions {
  associationCode: string
  members: number
  pending: number
  now: Date
  /** Progress lines (the command prints them). */
  log?: (line: string) => void
}

interface VolumeReport {
  associationCode: string
  year: number
  members: number
  itemsWritten: number
  pending: Record<'inspection' | 'resubmitted' | 'deferral' | 'fee_confirmation', number>
  seconds: number
}

/** Sequences of loaded members start here, clear of the demo members and of the first admissions. */
const FIRST_SEQUENCE = 5001
/** Members joined over this many years before the current one, so their numbers carry several years. */
const JOIN_YEARS = 10
const MAX_SEQUENCE = 9999

/** Why the loader will not write: told to the user as is. */
export class VolumeRefused extends Error {}

function volumeLimits(associationCode: string, members: number, pending: number): string | undefined {
  if (!(associationCode in MEMBER_NO_REGION) || associationCode === CICPA_CODE) return `未知的地方注协代码 ${associationCode}`
  const capacity = JOIN_YEARS * (MAX_SEQUENCE - FIRST_SEQUENCE + 1)
  if (!Number.isInteger(members) || members < 1 || members > capacity) return `会员数须为 1–${capacity} 的整数`
  if (!Number.isInteger(pending) || pending < 0 || pending > members) return '待审批数须为 0 到会员数之间的整数'
  return undefined
}

/** A small seeded generator (mulberry32): the same association gives the same people on every run. */
function generator(seed: string) {
  let state = [...seed].reduce((hash, char) => Math.imul(hash ^ char.charCodeAt(0), 16_777_619) >>> 0, 2_166_136_261)
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  return { next, int: (below: number) => Math.floor(next() * below), pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]! }
}

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
]
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力兰宁晨欣怡佳琪浩然宇轩子涵思雨婷雪梅晓峰凯鹏飞燕玲健斌波鑫亮俊丹']
const CITIES = ['杭州', '宁波', '温州', '嘉兴', '湖州', '绍兴', '金华', '衢州', '舟山', '台州', '丽水']
const TRADES = ['会计服务', '科技', '贸易', '建设工程', '投资管理', '税务师事务所', '医药', '制造']
const EDUCATIONS = ['大学本科', '大学本科', '大学本科', '硕士研究生', '大学专科']
const POLITICS = ['群众', '群众', '中共党员', '共青团员']

type PendingKind = keyof VolumeReport['pending']

interface Planned {
  index: number
  member: DemoMember & { account: DemoAccount }
  pending?: PendingKind
}

/** Who the loaded members are, and which of them have something waiting. */
function plan(options: VolumeOptions): Planned[] {
  const random = generator(`volume-${options.associationCode}`)
  const region = MEMBER_NO_REGION[options.associationCode]!
  const thisYear = chinaYear(options.now)
  const kinds: PendingKind[] = Array.from({ length: options.pending }, (_, index) => {
    // Most of what waits in a province in season is 年检; one in ten is back after a return.
    const share = index / options.pending
    return share < 0.63 ? 'inspection' : share < 0.7 ? 'resubmitted' : share < 0.85 ? 'deferral' : 'fee_confirmation'
  })
  // Spread the pending members over the whole list, not the first numbers only.
  const pendingAt = new Map<number, PendingKind>()
  const stride = options.members / Math.max(options.pending, 1)
  for (const [index, kind] of kinds.entries()) pendingAt.set(Math.floor(index * stride), kind)
  const perYear = Math.ceil(options.members / JOIN_YEARS)
  return Array.from({ length: options.members }, (_, index) => {
    const yearsAgo = 1 + Math.floor(index / perYear)
    const joinDate = new Date(Date.UTC(thisYear - yearsAgo, random.int(12), 1 + random.int(28), 4))
    const memberNo = formatMemberNo(memberNoPrefix(options.associationCode, joinDate), FIRST_SEQUENCE + (index % perYear))
    const gender = random.next() < 0.55 ? '女' : '男'
    const name = random.pick(SURNAMES) + random.pick(GIVEN) + (random.next() < 0.7 ? random.pick(GIVEN) : '')
    const birthYear = thisYear - 26 - random.int(35)
    const birthDate = `${birthYear}-${String(1 + random.int(12)).padStart(2, '0')}-${String(1 + random.int(28)).padStart(2, '0')}`
    const sequence = String(random.int(499) * 2 + (gender === '男' ? 1 : 0)).padStart(3, '0')
    const first17 = `${region.slice(0, 2)}01${String(2 + random.int(8)).padStart(2, '0')}${birthDate.replaceAll('-', '')}${sequence}`
    const city = random.pick(CITIES)
    const pending = pendingAt.get(index)
    // An inspection needs the fee settled; a declared offline payment is what waits for 会费确认.
    const feeStatus: FeeStatus =
      pending === 'fee_confirmation'
        ? '待确认'
        : pending === 'inspection' || pending === 'resubmitted'
          ? random.pick(['已确认', '已确认', '免会费'] as const)
          : random.pick(['已确认', '已确认', '去支付', '免会费'] as const)
    const hours = pending === 'inspection' || pending === 'resubmitted' ? 40 : 4 * random.int(11)
    const member: DemoMember & { account: DemoAccount } = {
      memberNo,
      name,
      gender,
      associationCode: options.associationCode,
      idType: '居民身份证',
      idNumber: first17 + idCheckChar(first17),
      phone: `1${random.pick(['3', '5', '8'])}${String(random.int(1e9)).padStart(9, '0')}`,
      workUnit: `${city}某某${random.pick(TRADES)}有限公司`,
      certificateNo: `${thisYear - yearsAgo - 1}${region.slice(0, 2)}${String(index).padStart(7, '0')}`,
      ethnicity: '汉族',
      birthDate,
      politicalStatus: random.pick(POLITICS),
      region: associationName(options.associationCode).replace(/注册会计师协会$/, ''),
      household: `${city}市`,
      education: random.pick(EDUCATIONS),
      status: 'active',
      joined: { years: yearsAgo, monthDay: joinDate.toISOString().slice(5, 10) },
      // Every member has some hours, so each has a row in the year's hours export.
      hours: [{ source: 'online', hours: Math.max(hours, 4), title: '国家会计学院 网络课程' }],
      feeStatus,
      account: {
        userType: 'non_practising',
        username: memberNo,
        password: '',
        role: 'member',
        associationCode: options.associationCode,
        displayName: name,
        mustChangePassword: true,
        situation: 'volume',
      },
    }
    return { index, member, ...(pending ? { pending } : {}) }
  })
}

const BATCH = 25

/** BatchWriteItem in chunks of 25, unprocessed items retried with backoff (the engine may throttle). */
function batchWriter() {
  let buffer: Record<string, unknown>[] = []
  let written = 0
  async function send(items: Record<string, unknown>[]) {
    let requests = items.map((Item) => ({ PutRequest: { Item } }))
    for (let attempt = 0; requests.length; attempt++) {
      if (attempt > 8) throw new Error(`BatchWriteItem left ${requests.length} items unprocessed after ${attempt} attempts`)
      if (attempt) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt))
      const result = await dynamo().send(new BatchWriteCommand({ RequestItems: { [config.tableName]: requests } }))
      requests = (result.UnprocessedItems?.[config.tableName] ?? []).map((request) => ({ PutRequest: { Item: request.PutRequest!.Item! } }))
    }
    written += items.length
  }
  return {
    async put(item: Record<string, unknown>) {
      buffer.push(item)
      if (buffer.length >= BATCH) {
        const chunk = buffer
        buffer = []
        await send(chunk)
      }
      // Unconditional, so nothing is known to be new: seedMember then counts nothing, and the loader recounts at the end.
      return false
    },
    async flush() {
      if (buffer.length) await send(buffer)
      buffer = []
      return written
    },
  }
}

/** Runs `work` over `items`, `width` at a time. */
async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!)
    }),
  )
}

const DAY_MS = 86_400_000

/**
 * A member's inspection or deferral as submitting it leaves it (adapters/inspection-dynamo.ts:
 * waiting in the inbox, in the association-year index), with its trail; for `resubmitted` the
 * trail also holds staff's return (an 已办 entry) a week before the second submission.
 * tests/integration/volume.test.ts holds these items against ones the application submitted.
 */
function submittedItems(member: DemoMember, pending: PendingKind, year: number, at: Date): Record<string, unknown>[] {
  const kind: InspectionKind = pending === 'deferral' ? 'deferral' : 'inspection'
  const id = inspectionId(member.memberNo, year)
  const trail = keys.inspectionTrail(id)
  const submittedAt = at.toISOString()
  const deferralReason = kind === 'deferral' ? '因出国学习，申请暂缓本年度年检' : undefined
  const applicant = `非执业会员 ${member.name}`
  const submission = (when: string) =>
    trailPut(trail, { node: trailNode(kind, 'submit'), unit: applicant, opinion: deferralReason ?? '提交申请', at: when }).Put.Item
  const record = { memberNo: member.memberNo, year, kind, associationCode: member.associationCode, memberName: member.name, submittedAt }
  const entries = [submission(submittedAt)]
  if (pending === 'resubmitted') {
    const first = new Date(at.getTime() - 7 * DAY_MS)
    const returnedAt = new Date(first.getTime() + 2 * DAY_MS).toISOString()
    const waiting = waitingForReview(record)
    const returned = {
      scopeCode: member.associationCode,
      kind,
      id,
      title: waiting.inboxTitle,
      subtitle: waiting.inboxSubtitle,
      number: member.memberNo,
      name: member.name,
      year,
      decision: 'returned' as const,
      decidedBy: `${associationName(member.associationCode)}审核员`,
    }
    const opinion = '申请材料不完整，请补充后重新提交'
    entries.push(
      submission(first.toISOString()),
      trailPut(trail, { node: trailNode(kind, 'return'), unit: associationName(member.associationCode), opinion, at: returnedAt }, returned).Put.Item,
    )
  }
  return [
    {
      ...keys.inspection(member.memberNo, year),
      id,
      memberNo: member.memberNo,
      year,
      kind,
      status: 'pending',
      associationCode: member.associationCode,
      memberName: member.name,
      entity: 'inspection',
      files: [],
      // Submitted, returned and submitted again: each write raised the version.
      version: pending === 'resubmitted' ? 3 : 1,
      ...(deferralReason ? { deferralReason } : {}),
      ...waitingForReview(record, pending === 'resubmitted' ? 'resubmitted' : 'new'),
      ...associationYearIndex(member.associationCode, year, 'INSPECTION', member.memberNo),
    },
    ...entries,
  ]
}

/**
 * Adds what the loaded items count to the association's figures, in one write: the loader writes
 * outside the request paths, whose transactions would each have counted their own item. What an
 * item counts comes from the application's own rules (adapters/figures.ts).
 */
async function countLoaded(associationCode: string, year: number, people: readonly Planned[]) {
  const totals: Record<string, number> = {}
  const add = (contribution: Record<string, number | undefined>) => {
    for (const [field, by] of Object.entries(contribution)) totals[field] = (totals[field] ?? 0) + (by ?? 0)
  }
  for (const { member, pending } of people) {
    add(feeCounts(member.feeStatus))
    add({ hoursMet: Number(seededHoursSummary(member, year, member.hours).met) })
    if (pending && pending !== 'fee_confirmation') add(inspectionCounts({ status: 'pending', kind: pending === 'deferral' ? 'deferral' : 'inspection' }))
  }
  const memberCount: TransactItem = {
    Update: {
      TableName: config.tableName,
      Key: keys.associationMemberCount(associationCode),
      UpdateExpression: 'SET entity = :entity ADD members :added',
      ExpressionAttributeValues: { ':entity': 'figures', ':added': people.length },
    },
  }
  await dynamo().send(new TransactWriteCommand({ TransactItems: [...figuresChange(associationCode, year, {}, totals), memberCount] }))
  return { members: people.length, applied: totals.applied ?? 0, feePaid: totals.feePaid ?? 0, hoursMet: totals.hoursMet ?? 0 }
}

/** Loads the association's volume, or refuses when its first loaded member is there already. */
export async function loadVolume(options: VolumeOptions): Promise<VolumeReport> {
  const refusal = volumeLimits(options.associationCode, options.members, options.pending)
  if (refusal) throw new VolumeRefused(refusal)
  const started = performance.now()
  const log = options.log ?? (() => {})
  const year = inspectionYearAt(options.now)
  const people = plan(options)
  const first = people[0]!.member.memberNo
  const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.member(first), ProjectionExpression: 'PK' }))
  if (Item) {
    throw new VolumeRefused(`表 ${config.tableName} 中已有加载的会员（${first}），不再重复写入；如需重新加载，请先停止 npm start 并运行 npm run reset`)
  }

  const writer = batchWriter()
  const now = options.now
  const sixWeeks = 42 * DAY_MS
  // seedMember awaits each put, so one member's items queue in order; several members at once fill the chunks.
  await inParallel(people, 16, async ({ index, member, pending }) => {
    await seedMember(member, now, writer.put)
    if (pending && pending !== 'fee_confirmation') {
      // Oldest first in member order, so "oldest" and "newest" pages differ.
      const at = new Date(now.getTime() - sixWeeks + (index / people.length) * (sixWeeks - DAY_MS))
      for (const item of submittedItems(member, pending, year, at)) await writer.put(item)
    }
  })
  const itemsWritten = await writer.flush()
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1)
  log(`会员 ${people.length} 名，连同学时、会费、年检与暂缓申请及其审批记录，共 ${itemsWritten} 条（BatchWriteItem，${seconds()} 秒）`)
  const figures = await countLoaded(options.associationCode, year, people)
  log(`计入统计：会员 ${figures.members}、已申请 ${figures.applied}、会费已缴 ${figures.feePaid}、学时达标 ${figures.hoursMet}`)
  const pending = { inspection: 0, resubmitted: 0, deferral: 0, fee_confirmation: 0 }
  for (const person of people) if (person.pending) pending[person.pending]++
  log(
    `待审批 ${options.pending} 项：年检 ${pending.inspection}、退回后重新提交 ${pending.resubmitted}、暂缓 ${pending.deferral}、会费确认 ${pending.fee_confirmation}`,
  )
  return {
    associationCode: options.associationCode,
    year,
    members: people.length,
    itemsWritten,
    pending,
    seconds: (performance.now() - started) / 1000,
  }
}
