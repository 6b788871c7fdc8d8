import type { Role, UserType } from '../../shared/roles'
import type { MemberInfo } from '../../shared/api/inspection-schemas'
import type { MemberRecord } from '../ports/accounts'
import { chinaDate, chinaYear } from '../../shared/china-time'

/**
 * Demo accounts for local runs and tests. These passwords exist only in local tables; the README
 * lists them. 蔡文 still has an initial password, so the forced change can be tried at once.
 */
export interface DemoAccount {
  userType: UserType
  username: string
  password: string
  role: Role
  associationCode: string
  displayName: string
  mustChangePassword: boolean
  /** What this account lets a tester try; printed by `npm start`. */
  situation: string
}

export interface DemoMember extends Omit<MemberRecord, 'userType' | 'joinDate'> {
  /**
   * When the member joined, counted back from the day the demo data is written, so each demo
   * member owes the same 年检 whatever the date: `years` calendar years before this one (on
   * `monthDay`), or `days` ago for a member who has only just joined.
   */
  joined: { years: number; monthDay: string } | { days: number }
  /** Hours credited for the 年检年度 the member applies for now, by source (read by the annual-inspection hours check). */
  hours: { source: 'online' | 'output' | 'exemption'; hours: number; title: string }[]
  feeStatus: '免会费' | '去支付' | '待确认' | '已确认'
  /** A local test WeChat user bound to this member (its openid comes from the local code2session fake). */
  wechatUser?: string
  /** 完善信息 already saved (annual inspection); members without it must fill it in before applying. */
  inspectionInfo?: MemberInfo
}

export const DEMO_MEMBERS: readonly (DemoMember & { account: DemoAccount })[] = [
  {
    memberNo: '330000260001',
    name: '张晓明',
    gender: '男',
    associationCode: 'ZJ',
    idType: '居民身份证',
    idNumber: '330106199001012312',
    phone: '13812348628',
    email: 'zhangxm@example.com',
    workUnit: '杭州某某科技有限公司',
    certificateNo: '2019330012345',
    ethnicity: '汉族',
    birthDate: '1990-01-01',
    politicalStatus: '中共党员',
    region: '浙江省',
    household: '浙江省杭州市西湖区',
    education: '大学本科',
    joined: { years: 2, monthDay: '06-18' },
    status: 'active',
    feeStatus: '免会费',
    inspectionInfo: {
      contact: { mobile: '13812348628', email: 'zhangxm@example.com', address: '杭州市西湖区文三路100号', postcode: '310012' },
      work: { workUnit: '杭州某某科技有限公司', position: '财务经理', workPhone: '0571-88886666', workAddress: '杭州市滨江区江南大道1号' },
      education: { education: '大学本科', degree: '学士', school: '浙江财经大学', major: '会计学', graduationDate: '2012-06' },
      qualifications: { domestic: ['税务师'], domesticOther: '', international: ['国际注册会计师(ACCA)'], internationalOther: '' },
    },
    hours: [
      { source: 'online', hours: 32, title: '北京国家会计学院 必修课程' },
      { source: 'output', hours: 8, title: '发表专业文章' },
    ],
    account: {
      userType: 'non_practising',
      username: '330000260001',
      password: 'Demo2026zx',
      role: 'member',
      associationCode: 'ZJ',
      displayName: '张晓明',
      mustChangePassword: false,
      situation: '学时已满 40/40，免会费：可直接申请年检',
    },
  },
  {
    memberNo: '330000260002',
    name: '李华',
    gender: '女',
    associationCode: 'ZJ',
    idType: '居民身份证',
    idNumber: '330102199203150021',
    phone: '13957112345',
    email: 'lihua@example.com',
    workUnit: '浙江某某会计服务有限公司',
    certificateNo: '2020330023456',
    ethnicity: '汉族',
    birthDate: '1992-03-15',
    politicalStatus: '共青团员',
    region: '浙江省',
    household: '浙江省杭州市上城区',
    education: '大学本科',
    joined: { years: 2, monthDay: '03-02' },
    status: 'active',
    feeStatus: '去支付',
    hours: [{ source: 'online', hours: 20, title: '上海国家会计学院 必修课程' }],
    account: {
      userType: 'non_practising',
      username: '330000260002',
      password: 'Demo2026lh',
      role: 'member',
      associationCode: 'ZJ',
      displayName: '李华',
      mustChangePassword: false,
      situation: '学时 20/40 未满；会费 去支付',
    },
  },
  {
    memberNo: '110000260003',
    name: '王芳',
    gender: '女',
    associationCode: 'BJ',
    idType: '居民身份证',
    idNumber: '110105198807070026',
    phone: '13601012345',
    email: 'wangfang@example.com',
    workUnit: '北京某某投资管理有限公司',
    certificateNo: '2018110034567',
    ethnicity: '满族',
    birthDate: '1988-07-07',
    politicalStatus: '群众',
    region: '北京市',
    household: '北京市西城区',
    education: '硕士研究生',
    joined: { years: 2, monthDay: '09-10' },
    status: 'active',
    feeStatus: '待确认',
    inspectionInfo: {
      contact: { mobile: '13601012345', email: 'wangfang@example.com', address: '北京市西城区金融大街1号', postcode: '100033' },
      work: { workUnit: '北京某某投资管理有限公司', position: '风控总监', workPhone: '', workAddress: '' },
      education: { education: '硕士研究生', degree: '硕士', school: '中央财经大学', major: '审计学', graduationDate: '2013-07' },
      qualifications: { domestic: ['证券从业资格', '基金从业资格'], domesticOther: '', international: ['特许金融分析师(CFA)'], internationalOther: '' },
    },
    wechatUser: 'wangfang',
    hours: [{ source: 'online', hours: 40, title: '厦门国家会计学院 必修与选修课程' }],
    account: {
      userType: 'non_practising',
      username: '110000260003',
      password: 'Demo2026wf',
      role: 'member',
      associationCode: 'BJ',
      displayName: '王芳',
      mustChangePassword: false,
      situation: '学时已满；会费 待确认（须北京注协确认）',
    },
  },
  {
    memberNo: '110000260004',
    name: '蔡文',
    gender: '男',
    associationCode: 'BJ',
    idType: '居民身份证',
    idNumber: '110108199512120034',
    phone: '13701098628',
    workUnit: '北京某某咨询有限公司',
    certificateNo: '2025110045678',
    ethnicity: '汉族',
    birthDate: '1995-12-12',
    politicalStatus: '群众',
    region: '北京市',
    household: '河北省保定市竞秀区',
    education: '大学本科',
    joined: { days: 10 },
    status: 'active',
    feeStatus: '去支付',
    hours: [],
    account: {
      userType: 'non_practising',
      username: '110000260004',
      password: 'Init8Kq3vR',
      role: 'member',
      associationCode: 'BJ',
      displayName: '蔡文',
      mustChangePassword: true,
      situation: '新入会，初始密码：首次登录须修改密码',
    },
  },
  {
    memberNo: '310000120005',
    name: '陈静',
    gender: '女',
    associationCode: 'SH',
    idType: '居民身份证',
    idNumber: '310104198603150048',
    phone: '13916612345',
    email: 'chenjing@example.com',
    workUnit: '上海某某会计师事务所（特殊普通合伙）',
    archiveUnit: '上海某某会计师事务所（特殊普通合伙）',
    certificateNo: '2008310056789',
    ethnicity: '汉族',
    birthDate: '1986-03-15',
    politicalStatus: '中共党员',
    region: '上海市',
    household: '上海市徐汇区',
    education: '硕士研究生',
    joined: { years: 16, monthDay: '05-20' },
    status: 'active',
    feeStatus: '已确认',
    hours: [],
    account: {
      userType: 'cpa',
      username: '310000120005',
      password: 'Demo2026cj',
      role: 'member',
      associationCode: 'SH',
      displayName: '陈静',
      mustChangePassword: false,
      situation: '注册会计师（执业会员）：找回密码时用档案存放单位验证',
    },
  },
  {
    memberNo: '330000260006',
    name: '周宁',
    gender: '女',
    associationCode: 'ZJ',
    idType: '居民身份证',
    idNumber: '330102199205154325',
    phone: '13905716006',
    email: 'zhouning@example.com',
    workUnit: '宁波某某贸易有限公司',
    certificateNo: '2021330016006',
    ethnicity: '回族',
    birthDate: '1992-05-15',
    politicalStatus: '群众',
    region: '浙江省',
    household: '浙江省宁波市海曙区',
    education: '大学本科',
    joined: { years: 2, monthDay: '07-01' },
    status: 'active',
    feeStatus: '免会费',
    hours: [],
    account: {
      userType: 'non_practising',
      username: '330000260006',
      password: 'Demo2026zn',
      role: 'member',
      associationCode: 'ZJ',
      displayName: '周宁',
      mustChangePassword: false,
      situation: '在线学习：本年度尚未选择国家会计学院、未交学习费，0 学时',
    },
  },
  {
    memberNo: '330000260007',
    name: '孙磊',
    gender: '男',
    associationCode: 'ZJ',
    idType: '居民身份证',
    idNumber: '330105198803216519',
    phone: '13905716007',
    email: 'sunlei@example.com',
    workUnit: '温州某某会计咨询有限公司',
    certificateNo: '2018330016007',
    ethnicity: '汉族',
    birthDate: '1988-03-21',
    politicalStatus: '九三学社社员',
    region: '浙江省',
    household: '浙江省温州市鹿城区',
    education: '硕士研究生',
    joined: { years: 2, monthDay: '05-20' },
    status: 'active',
    feeStatus: '已确认',
    inspectionInfo: {
      contact: { mobile: '13905716007', email: 'sunlei@example.com', address: '温州市鹿城区人民路8号', postcode: '325000' },
      work: { workUnit: '温州某某会计咨询有限公司', position: '咨询顾问', workPhone: '0577-88123456', workAddress: '温州市鹿城区车站大道2号' },
      education: { education: '硕士研究生', degree: '硕士', school: '上海财经大学', major: '会计学', graduationDate: '2012-07' },
      qualifications: { domestic: [], domesticOther: '', international: [], internationalOther: '' },
    },
    hours: [{ source: 'online', hours: 36, title: '上海国家会计学院 网络课程（学院导入）' }],
    account: {
      userType: 'non_practising',
      username: '330000260007',
      password: 'Demo2026sl',
      role: 'member',
      associationCode: 'ZJ',
      displayName: '孙磊',
      mustChangePassword: false,
      situation: '学时 36/40（会费已确认）：申报产出式学时，注协通过后即可申请年检',
    },
  },
]

export const DEMO_STAFF: readonly DemoAccount[] = [
  {
    userType: 'staff',
    username: 'cicpa_admin',
    password: 'Cicpa2026ok',
    role: 'cicpa_staff',
    associationCode: 'CICPA',
    displayName: '中注协审核员',
    mustChangePassword: false,
    situation: '中注协：确认入会、审批良好存续证明',
  },
  {
    userType: 'staff',
    username: 'zj_staff',
    password: 'Zhejiang2026',
    role: 'local_staff',
    associationCode: 'ZJ',
    displayName: '浙江注协审核员',
    mustChangePassword: false,
    situation: '浙江省注协：审核本省事项',
  },
  {
    userType: 'staff',
    username: 'bj_staff',
    password: 'Beijing2026',
    role: 'local_staff',
    associationCode: 'BJ',
    displayName: '北京注协审核员',
    mustChangePassword: false,
    situation: '北京注协：审核本市事项',
  },
]

/** The date a demo member joined, as of `now`. */
export function demoJoinDate(member: Pick<DemoMember, 'joined'>, now: Date): string {
  if ('days' in member.joined) return chinaDate(new Date(now.getTime() - member.joined.days * 86_400_000))
  return `${chinaYear(now) - member.joined.years}-${member.joined.monthDay}`
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [...DEMO_MEMBERS.map((member) => member.account), ...DEMO_STAFF]
