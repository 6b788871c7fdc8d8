import dayjs from 'dayjs'
import { chinaDate, chinaYear } from './china-time'

/**
 * Non-practising membership admission (seeds 000, 001): the form's option lists, the eligibility
 * rules and the stages an application passes. Pure: used by the server and the screens alike.
 */

export const GENDERS = ['男', '女'] as const
export type Gender = (typeof GENDERS)[number]

export const MAINLAND_ID = '居民身份证'
export const ID_TYPES = [MAINLAND_ID, '港澳居民来往内地通行证', '台湾居民来往大陆通行证', '护照', '外国人永久居留身份证'] as const

export const ETHNICITIES = [
  '汉族',
  '蒙古族',
  '回族',
  '藏族',
  '维吾尔族',
  '苗族',
  '彝族',
  '壮族',
  '布依族',
  '朝鲜族',
  '满族',
  '侗族',
  '瑶族',
  '白族',
  '土家族',
  '哈尼族',
  '哈萨克族',
  '傣族',
  '黎族',
  '傈僳族',
  '佤族',
  '畲族',
  '高山族',
  '拉祜族',
  '水族',
  '东乡族',
  '纳西族',
  '景颇族',
  '柯尔克孜族',
  '土族',
  '达斡尔族',
  '仫佬族',
  '羌族',
  '布朗族',
  '撒拉族',
  '毛南族',
  '仡佬族',
  '锡伯族',
  '阿昌族',
  '普米族',
  '塔吉克族',
  '怒族',
  '乌孜别克族',
  '俄罗斯族',
  '鄂温克族',
  '德昂族',
  '保安族',
  '裕固族',
  '京族',
  '塔塔尔族',
  '独龙族',
  '鄂伦春族',
  '赫哲族',
  '门巴族',
  '珞巴族',
  '基诺族',
  '其他',
] as const

export const POLITICAL_STATUSES = [
  '中共党员',
  '中共预备党员',
  '共青团员',
  '民革党员',
  '民盟盟员',
  '民建会员',
  '民进会员',
  '农工党党员',
  '致公党党员',
  '九三学社社员',
  '台盟盟员',
  '无党派人士',
  '群众',
] as const

export const EDUCATION_LEVELS = ['博士研究生', '硕士研究生', '大学本科', '大学专科', '中专及以下'] as const

/** 所在地区: the province-level divisions, plus abroad for applicants who join through CICPA (seed 001). */
export const REGIONS = [
  '北京市',
  '天津市',
  '河北省',
  '山西省',
  '内蒙古自治区',
  '辽宁省',
  '吉林省',
  '黑龙江省',
  '上海市',
  '江苏省',
  '浙江省',
  '安徽省',
  '福建省',
  '江西省',
  '山东省',
  '河南省',
  '湖北省',
  '湖南省',
  '广东省',
  '广西壮族自治区',
  '海南省',
  '重庆市',
  '四川省',
  '贵州省',
  '云南省',
  '西藏自治区',
  '陕西省',
  '甘肃省',
  '青海省',
  '宁夏回族自治区',
  '新疆维吾尔自治区',
  '香港特别行政区',
  '澳门特别行政区',
  '台湾地区',
  '境外',
] as const

/** Seed 001: 取得全科合格证仅代表考生 5 年内知识及能力符合入会要求. */
export const ELIGIBILITY_YEARS = 5

export const ADMISSION_STAGES = ['local_pending', 'cicpa_pending', 'approved', 'returned', 'rejected'] as const
export type AdmissionStage = (typeof ADMISSION_STAGES)[number]

export const ADMISSION_STAGE_LABELS: Record<AdmissionStage, string> = {
  local_pending: '地方注协待审核',
  cicpa_pending: '地方注协审核通过待中注协确认',
  approved: '中注协审核通过',
  returned: '已退回，请修改后重新提交',
  rejected: '审核未通过',
}

/** The three steps the progress page draws (seed 000, 2.3–2.5); returned and rejected leave the path. */
export const ADMISSION_PATH: readonly AdmissionStage[] = ['local_pending', 'cicpa_pending', 'approved']

export const DECISIONS = ['approve', 'return', 'reject'] as const
export type Decision = (typeof DECISIONS)[number]

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK_CHARS = '10X98765432'

/** GB 11643-1999 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  const sum = ID_WEIGHTS.reduce((total, weight, index) => total + weight * Number(first17[index]), 0)
  return ID_CHECK_CHARS[sum % 11]!
}

/** Why a mainland ID number is not valid, or null: 18 characters, a real birth date, the right check character. */
export function mainlandIdProblem(idNumber: string): string | null {
  const id = idNumber.toUpperCase()
  if (!/^\d{17}[\dX]$/.test(id)) return '居民身份证号码应为18位（最后一位可为X）'
  if (!birthDateOfId(id)) return '居民身份证号码中的出生日期无效'
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return '居民身份证号码校验位不正确，请核对'
  return null
}

/** The birth date encoded in digits 7–14 (YYYY-MM-DD), or null when it is not a real date. */
export function birthDateOfId(idNumber: string): string | null {
  const digits = idNumber.slice(6, 14)
  const date = dayjs(`${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`)
  if (!date.isValid() || date.format('YYYYMMDD') !== digits || date.year() < 1900) return null
  return date.format('YYYY-MM-DD')
}

/** Digit 17 is odd for men, even for women. */
export function genderOfId(idNumber: string): Gender {
  return Number(idNumber[16]) % 2 === 1 ? '男' : '女'
}

export interface IdentityFields {
  idType: string
  idNumber: string
  birthDate: string
  gender: string
}

/** Field → problem for a mainland ID that is malformed or disagrees with the birth date or gender typed. */
export function identityProblems(form: IdentityFields): Record<string, string> {
  if (form.idType !== MAINLAND_ID) return {}
  const problem = mainlandIdProblem(form.idNumber)
  if (problem) return { idNumber: problem }
  const problems: Record<string, string> = {}
  if (birthDateOfId(form.idNumber) !== form.birthDate) problems.birthDate = '出生日期与身份证号码不一致'
  if (genderOfId(form.idNumber) !== form.gender) problems.gender = '性别与身份证号码不一致'
  return problems
}

export interface EligibilityFields {
  certificateDate: string
  formerPractising: boolean
  deregisteredOn?: string | null
}

/**
 * Seed 001: a non-practising member must have obtained the all-subject certificate no more than
 * five years ago; a former practising CPA must have stopped practising (or been deregistered) no
 * more than five years ago. Field → the reason, explained; empty when eligible.
 */
export function eligibilityProblems(form: EligibilityFields, today: string): Record<string, string> {
  const problems: Record<string, string> = {}
  const limit = dayjs(today).subtract(ELIGIBILITY_YEARS, 'year')
  if (dayjs(form.certificateDate).isAfter(today)) problems.certificateDate = '全科合格证取得日期不能晚于今天'
  if (form.formerPractising) {
    if (!form.deregisteredOn) problems.deregisteredOn = '请填写停止执业（注销注册）日期'
    else if (dayjs(form.deregisteredOn).isAfter(today)) problems.deregisteredOn = '停止执业（注销注册）日期不能晚于今天'
    else if (dayjs(form.deregisteredOn).isBefore(limit)) {
      problems.deregisteredOn = `执业会员申请成为非执业会员须停止执业或被撤销、注销注册不超过${ELIGIBILITY_YEARS}年（须在${limit.format('YYYY-MM-DD')}之后）`
    }
  } else if (!problems.certificateDate && dayjs(form.certificateDate).isBefore(limit)) {
    problems.certificateDate = `成为非执业会员须取得全科合格证不超过${ELIGIBILITY_YEARS}年（须在${limit.format('YYYY-MM-DD')}之后取得）`
  }
  return problems
}

/**
 * 业务编号: date plus random digits, so numbers neither reveal how many people applied nor can be
 * walked one by one.
 */
export function formatBusinessNo(date: Date, randomDigits: string): string {
  return `RH${chinaDate(date).replaceAll('-', '')}${randomDigits}`
}

export const BUSINESS_NO_PATTERN = /^RH\d{8}\d{6}$/

/** Member numbers read like the seeds' (330000260001): the association's region code, the year, a sequence. */
export const MEMBER_NO_REGION: Record<string, string> = {
  BJ: '110000',
  TJ: '120000',
  HE: '130000',
  SX: '140000',
  NM: '150000',
  LN: '210000',
  JL: '220000',
  HL: '230000',
  SH: '310000',
  JS: '320000',
  ZJ: '330000',
  AH: '340000',
  FJ: '350000',
  JX: '360000',
  SD: '370000',
  HA: '410000',
  HB: '420000',
  HN: '430000',
  GD: '440000',
  GX: '450000',
  HI: '460000',
  CQ: '500000',
  SC: '510000',
  GZ: '520000',
  YN: '530000',
  XZ: '540000',
  SN: '610000',
  GS: '620000',
  QH: '630000',
  NX: '640000',
  XJ: '650000',
  SZ: '440300',
  CICPA: '100000',
}

export function memberNoPrefix(associationCode: string, date: Date): string {
  return `${MEMBER_NO_REGION[associationCode] ?? '100000'}${String(chinaYear(date)).slice(2)}`
}

export function formatMemberNo(prefix: string, sequence: number): string {
  return `${prefix}${String(sequence).padStart(4, '0')}`
}
