import { deflateSync } from 'node:zlib'
import { PutObjectCommand } from '@aws-sdk/client-s3'
import { idCheckChar, type AdmissionStage } from '../../shared/admission'
import type { ApplicationFields } from '../../shared/api/admission-schemas'
import type { TrailEntry } from '../../shared/api/schemas'
import { associationName, CICPA_CODE } from '../../shared/associations'
import { chinaYear } from '../../shared/china-time'
import { applicationItem } from '../adapters/admission-dynamo'
import { keys } from '../adapters/dynamo'
import { s3 } from '../adapters/s3'
import { trailPut } from '../adapters/trail'
import { identityDigest } from '../auth/sealed'
import { config } from '../config'
import type { StoredApplication } from '../ports/admissions'
import { admissionInbox } from '../usecases/admission'

const withCheckChar = (first17: string) => first17 + idCheckChar(first17)

/** A moment counted back from the day the demo data is written: whole days ago, at an hour of the day (UTC). */
interface DaysAgo {
  daysAgo: number
  utcTime: string
}

export interface DemoAdmission {
  businessNo: string
  stage: AdmissionStage
  submitted: DaysAgo
  form: Omit<ApplicationFields, 'photoKey' | 'certificateDate'>
  /** How long ago the all-subject certificate was obtained, so the 5-year rule holds on any day. */
  certificate: { yearsAgo: number; monthDay: string }
  trail: (Omit<TrailEntry, 'at'> & DaysAgo)[]
  returnReason?: string
  /** What this application lets a tester try; printed by `npm start`. */
  situation: string
}

/** Applications in three stages, so the staff inboxes and the progress query have something to show. */
export const DEMO_ADMISSIONS: readonly DemoAdmission[] = [
  {
    businessNo: 'RH20261125310457',
    stage: 'local_pending',
    submitted: { daysAgo: 5, utcTime: '02:10:00.000Z' },
    form: {
      name: '陈静',
      gender: '女',
      ethnicity: '汉族',
      birthDate: '1998-04-12',
      idType: '居民身份证',
      idNumber: withCheckChar('33010219980412104'),
      politicalStatus: '共青团员',
      region: '浙江省',
      household: '浙江省杭州市上城区',
      phone: '13905711234',
      email: 'chenjing@example.com',
      education: '硕士研究生',
      workUnit: '杭州某某财务咨询有限公司',
      certificateNo: 'QK2024330100231',
      formerPractising: false,
      associationCode: 'ZJ',
    },
    certificate: { yearsAgo: 2, monthDay: '08-20' },
    trail: [{ node: '提交入会申请', unit: '申请人', opinion: '申请人提交申请', daysAgo: 5, utcTime: '02:10:00.000Z' }],
    situation: '浙江注协待审核（zj_staff 审核）',
  },
  {
    businessNo: 'RH20261124208816',
    stage: 'cicpa_pending',
    submitted: { daysAgo: 6, utcTime: '03:20:00.000Z' },
    form: {
      name: '刘洋',
      gender: '男',
      ethnicity: '回族',
      birthDate: '1996-09-03',
      idType: '居民身份证',
      idNumber: withCheckChar('33010619960903131'),
      politicalStatus: '中共党员',
      region: '浙江省',
      household: '浙江省宁波市海曙区',
      phone: '13605741234',
      email: 'liuyang@example.com',
      education: '大学本科',
      workUnit: '宁波某某制造股份有限公司',
      certificateNo: 'QK2023330200877',
      formerPractising: false,
      associationCode: 'ZJ',
    },
    certificate: { yearsAgo: 3, monthDay: '09-15' },
    trail: [
      { node: '提交入会申请', unit: '申请人', opinion: '申请人提交申请', daysAgo: 6, utcTime: '03:20:00.000Z' },
      { node: '地方注协非执业会员入会审核通过', unit: associationName('ZJ'), opinion: '材料齐全，同意', daysAgo: 5, utcTime: '06:45:00.000Z' },
    ],
    situation: '浙江注协已通过，待中注协确认（cicpa_admin 确认）',
  },
  {
    businessNo: 'RH20261123157730',
    stage: 'returned',
    submitted: { daysAgo: 7, utcTime: '01:05:00.000Z' },
    form: {
      name: '赵磊',
      gender: '男',
      ethnicity: '满族',
      birthDate: '1994-01-18',
      idType: '居民身份证',
      idNumber: withCheckChar('11010519940118151'),
      politicalStatus: '群众',
      region: '北京市',
      household: '北京市朝阳区',
      phone: '13801012345',
      email: 'zhaolei@example.com',
      education: '大学本科',
      workUnit: '北京某某',
      certificateNo: 'QK2022110300456',
      formerPractising: false,
      associationCode: 'BJ',
    },
    certificate: { yearsAgo: 4, monthDay: '10-10' },
    returnReason: '工作单位请填写全称（与劳动合同一致）',
    trail: [
      { node: '提交入会申请', unit: '申请人', opinion: '申请人提交申请', daysAgo: 7, utcTime: '01:05:00.000Z' },
      {
        node: '地方注协非执业会员入会审核退回',
        unit: associationName('BJ'),
        opinion: '工作单位请填写全称（与劳动合同一致）',
        daysAgo: 6,
        utcTime: '02:30:00.000Z',
      },
    ],
    situation: '北京注协已退回：进度查询可修改后重新提交',
  },
]

/** A plain ID-photo placeholder (a silhouette on a light background), written as a real PNG. */
export function placeholderPhotoPng(width = 120, height = 160): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    for (let x = 0; x < width; x++) {
      const head = (x - width / 2) ** 2 + (y - height * 0.38) ** 2 < (width * 0.2) ** 2
      const shoulders = y > height * 0.62 && (x - width / 2) ** 2 / (width * 0.42) ** 2 + (y - height) ** 2 / (height * 0.36) ** 2 < 1
      const [r, g, b] = head || shoulders ? [120, 138, 160] : [232, 240, 250]
      raw.set([r, g, b], row + 1 + x * 3)
    }
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (data: Buffer) => {
    let c = 0xffffffff
    for (const byte of data) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([length, body, sum])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/**
 * Writes the demo applications (with photos, trails, the one-open-application locks). `putOnce`
 * keeps what a tester already changed.
 */
export async function seedDemoAdmissions(putOnce: (item: Record<string, unknown>) => Promise<boolean>, now: Date): Promise<number> {
  const at = ({ daysAgo, utcTime }: DaysAgo) => `${new Date(now.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10)}T${utcTime}`
  let created = 0
  for (const { submitted, certificate, trail: trailDays, ...demo } of DEMO_ADMISSIONS) {
    const trail = trailDays.map(({ daysAgo, utcTime, ...entry }) => ({ ...entry, at: at({ daysAgo, utcTime }) }))
    const photoKey = `admission/photos/demo/${demo.businessNo}.png`
    const digest = identityDigest(demo.form.idNumber)
    const application: StoredApplication = {
      ...demo.form,
      certificateDate: `${chinaYear(now) - certificate.yearsAgo}-${certificate.monthDay}`,
      photoKey,
      businessNo: demo.businessNo,
      identityDigest: digest,
      stage: demo.stage,
      version: trail.length - 1,
      submittedAt: at(submitted),
      updatedAt: trail.at(-1)!.at,
      ...(demo.returnReason ? { returnReason: demo.returnReason } : {}),
    }
    const scope = demo.stage === 'local_pending' ? demo.form.associationCode : demo.stage === 'cicpa_pending' ? CICPA_CODE : undefined
    if (!(await putOnce(applicationItem(application, scope ? admissionInbox(scope, application) : undefined)))) continue
    created++
    await s3().send(new PutObjectCommand({ Bucket: config.bucketName, Key: photoKey, Body: placeholderPhotoPng(), ContentType: 'image/png' }))
    await putOnce({ ...keys.openAdmission(digest), entity: 'open-admission', businessNo: demo.businessNo })
    for (const entry of trail) await putOnce(trailPut(keys.admission(demo.businessNo).PK, entry).Put.Item)
  }
  return created
}
