import fontkit from 'fontkit'
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import { ADMISSION_STAGE_LABELS, type AdmissionStage } from '../../shared/admission'
import { CLAIM_STATUS_LABELS } from '../../shared/api/education-schemas'
import { GOOD_STANDING_STATUS_LABELS } from '../../shared/api/credential-schemas'
import { associationName } from '../../shared/associations'
import { formatChinaTime } from '../../shared/china-time'
import { INSPECTION_KIND_LABELS, inspectionStatusLabel, type InspectionKind, type InspectionStatus } from '../../shared/inspection'
import { HOURS_SOURCE_LABELS } from '../../shared/hours'
import { maskEmail, maskIdNumber, maskPhone } from '../../shared/mask'
import type { HeldRecord } from '../ports/personal-export'

export interface PersonalDataSection {
  key: string
  title: string
  records: HeldRecord[]
}

const text = (value: unknown) => (value === undefined || value === null || value === '' ? '—' : String(value))
const time = (value: unknown) => (typeof value === 'string' ? formatChinaTime(value) : '—')
const label = <T extends string>(labels: Record<T, string>, value: unknown) => labels[value as T] ?? text(value)

/**
 * What the summary says of each kind of item: its gist in a line or a few. ID, phone and e-mail are
 * masked (a printed page travels further than the file); the JSON beside it holds them whole.
 */
const LINES: Record<string, (record: HeldRecord) => string[]> = {
  PROFILE: ({ data }) => [
    `姓名：${text(data.name)}　会员编号：${text(data.memberNo)}　性别：${text(data.gender)}`,
    `所属注协：${typeof data.associationCode === 'string' ? associationName(data.associationCode) : '—'}　入会日期：${text(data.joinDate)}`,
    `证件：${text(data.idType)} ${typeof data.idNumber === 'string' ? maskIdNumber(data.idNumber) : '—'}`,
    `手机：${typeof data.phone === 'string' ? maskPhone(data.phone) : '—'}　邮箱：${typeof data.email === 'string' ? maskEmail(data.email) : '—'}`,
    `工作单位：${text(data.workUnit)}　学历：${text(data.education)}`,
    `民族：${text(data.ethnicity)}　出生日期：${text(data.birthDate)}　政治面貌：${text(data.politicalStatus)}`,
    `所在地区：${text(data.region)}　户口所在地：${text(data.household)}　全科合格证号：${text(data.certificateNo)}`,
  ],
  INSPECTION_INFO: ({ data }) => [`年检完善信息（保存于 ${time(data.savedAt)}）`],
  ACCOUNT: ({ data }) => [`登录账号：${text(data.username)}${data.mustChangePassword ? '（须修改初始密码）' : ''}`],
  SESSION: ({ data }) => [`登录会话，有效至 ${typeof data.expiresAt === 'number' ? formatChinaTime(new Date(data.expiresAt * 1000).toISOString()) : '—'}`],
  AUDIT: ({ data }) => [`${time(data.at)}　${label({ password_reset: '找回密码', wechat_bound: '绑定微信', wechat_unbound: '解除微信绑定' }, data.action)}`],
  ADMISSION: ({ name, data }) => [`业务编号 ${name}　${label(ADMISSION_STAGE_LABELS, data.stage as AdmissionStage)}　提交于 ${time(data.submittedAt)}`],
  INSPECTION: ({ name, data }) => [
    `${name}年度 ${label(INSPECTION_KIND_LABELS, data.kind)}：${data.kind && data.status ? inspectionStatusLabel(data.kind as InspectionKind, data.status as InspectionStatus) : '—'}　提交 ${time(data.submittedAt)}　审核 ${time(data.decidedAt)}`,
  ],
  FEE: ({ name, data }) => [
    `${name}年度会费：${text(data.status)}${data.paidAt ? `　缴费 ${time(data.paidAt)}` : ''}${data.amountFen ? `　${(Number(data.amountFen) / 100).toFixed(2)} 元` : ''}`,
  ],
  PAYER: ({ name }) => [`已保存的微信支付身份（${name === 'miniprogram' ? '小程序' : '公众号'}），用于下次支付`],
  EDU: ({ name, data }) => [
    name.endsWith('#ENROLMENT')
      ? `${text(data.year)}年度在线学习：${text(data.institute)}，学习费${data.feeStatus === 'paid' ? '已缴' : '未缴'}`
      : `继续教育记录 ${name}（详见 JSON 文件）`,
  ],
  HOURS: ({ data }) => [`${text(data.year)}年度 ${label(HOURS_SOURCE_LABELS, data.source)}：${text(data.title)}　${text(data.hours)} 学时`],
  HOURSUM: ({ name, data }) => [`${name}年度合计 ${text(data.total)} 学时，${data.met ? '已达标' : '未达标'}`],
  // The marker that keeps a claim from being filed twice says nothing the claim does not.
  CLAIMKEY: () => [],
  CLAIM: ({ data }) => [`${text(data.year)}年度 ${text(data.title)}：${label(CLAIM_STATUS_LABELS, data.status)}　提交 ${time(data.submittedAt)}`],
  MESSAGE: ({ data }) => [`${time(data.at)}　${text(data.title)}${data.opinion ? `：${text(data.opinion)}` : ''}`],
  GOODSTANDING: ({ name, data }) => [`会员资格良好存续证明 ${name}：${label(GOOD_STANDING_STATUS_LABELS, data.status)}　申请 ${time(data.submittedAt)}`],
  WECHAT: ({ data }) => [`小程序微信已绑定（${time(data.boundAt)}）`],
  OA: ({ data }) => [`公众号微信已绑定（${time(data.boundAt)}）`],
  TEMPLATE: ({ name, data }) => [
    `订阅消息 ${label({ code: '验证码通知', decision: '审核结果通知', reminder: '截止提醒' }, name)}：可发送 ${text(data.credits)} 条`,
  ],
  PEXPORT: ({ data }) => [`${time(data.createdAt)}　个人信息导出`],
}

const A4: [number, number] = [595.28, 841.89]
const MARGIN = 48
const NAVY = rgb(0.11, 0.31, 0.57)
const GREY = rgb(0.4, 0.4, 0.4)

/** Draws lines top to bottom, wrapping by width and turning the page when it is full. */
class Writer {
  private page: PDFPage
  private y = A4[1] - MARGIN

  constructor(
    private readonly pdf: PDFDocument,
    private readonly font: PDFFont,
  ) {
    this.page = pdf.addPage(A4)
  }

  line(content: string, size: number, options: { color?: ReturnType<typeof rgb>; indent?: number; gap?: number } = {}) {
    const width = A4[0] - 2 * MARGIN - (options.indent ?? 0)
    for (const piece of this.wrap(content, size, width)) {
      if (this.y < MARGIN + size) {
        this.page = this.pdf.addPage(A4)
        this.y = A4[1] - MARGIN
      }
      this.page.drawText(piece, { x: MARGIN + (options.indent ?? 0), y: this.y - size, size, font: this.font, color: options.color ?? rgb(0, 0, 0) })
      this.y -= size * 1.55
    }
    this.y -= options.gap ?? 0
  }

  /** Chinese wraps between any two characters. */
  private wrap(content: string, size: number, width: number): string[] {
    const lines: string[] = []
    let current = ''
    for (const char of Array.from(content)) {
      if (current && this.font.widthOfTextAtSize(current + char, size) > width) {
        lines.push(current)
        current = ''
      }
      current += char
    }
    return [...lines, current]
  }
}

/** 个人信息导出 PDF: a readable summary of each section, pointing to the JSON for everything. */
export async function personalExportPdf(
  summary: { memberNo: string; name: string; exportedAt: Date; sections: readonly PersonalDataSection[] },
  chineseFont: Uint8Array,
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  pdf.registerFontkit(fontkit)
  pdf.setTitle('个人信息导出摘要')
  pdf.setAuthor('中国注册会计师协会')
  // Only the characters used are embedded: a page of Chinese stays a few tens of KB.
  const font = await pdf.embedFont(chineseFont, { subset: true })
  const writer = new Writer(pdf, font)
  writer.line('个人信息导出摘要', 18, { color: NAVY, gap: 4 })
  writer.line(`${summary.name}（会员编号 ${summary.memberNo}）　导出时间 ${formatChinaTime(summary.exportedAt.toISOString())}`, 10.5, { color: GREY })
  writer.line('本摘要列出系统保存的您的各类信息；证件号、手机号、邮箱已部分隐藏。完整数据见同次导出的 JSON 文件。', 10.5, { color: GREY, gap: 8 })
  for (const section of summary.sections) {
    writer.line(`${section.title}（${section.records.length} 条）`, 13, { color: NAVY, gap: 2 })
    if (!section.records.length) writer.line('无', 10, { indent: 12, color: GREY })
    for (const record of section.records) {
      for (const content of LINES[record.kind]?.(record) ?? [`${record.kind}${record.name ? ` ${record.name}` : ''}（详见 JSON 文件）`])
        writer.line(content, 10, { indent: 12 })
      for (const step of record.trail ?? [])
        writer.line(`${formatChinaTime(step.at)}　${step.node}　${step.unit}　${step.opinion}`, 9, { indent: 28, color: GREY })
    }
    writer.line('', 6)
  }
  return pdf.save()
}
