/**
 * The 32 local associations (31 provincial + Shenzhen) and CICPA itself, with the phone numbers
 * published in the admission manual (seed 000). `code` is the stable key stored on members,
 * staff accounts and approval items; names are what users see.
 */
export interface Association {
  code: string
  name: string
  /** 执业会员（事务所注师）咨询电话 */
  practisingPhone: string
  /** 非执业会员（其他单位）咨询电话 */
  nonPractisingPhone: string
  /** 单位会员（会计师事务所）咨询电话 */
  firmPhone: string
}

export const CICPA_CODE = 'CICPA'

export const LOCAL_ASSOCIATIONS: readonly Association[] = [
  { code: 'BJ', name: '北京注册会计师协会', practisingPhone: '010-88221188', nonPractisingPhone: '010-88221188', firmPhone: '010-88221188' },
  { code: 'TJ', name: '天津市注册会计师协会', practisingPhone: '022-23287883', nonPractisingPhone: '022-23287883', firmPhone: '022-23287883' },
  { code: 'HE', name: '河北省注册会计师协会', practisingPhone: '0311-83939377', nonPractisingPhone: '0311-83939385', firmPhone: '0311-83939385' },
  { code: 'SX', name: '山西省注册会计师协会', practisingPhone: '0351-5639691', nonPractisingPhone: '0351-5639691', firmPhone: '0351-5639691' },
  { code: 'NM', name: '内蒙古注册会计师协会', practisingPhone: '0471-4192612', nonPractisingPhone: '0471-4192612', firmPhone: '0471-4192612' },
  { code: 'LN', name: '辽宁省注册会计师协会', practisingPhone: '024-23496701', nonPractisingPhone: '024-23496716', firmPhone: '024-23496701' },
  { code: 'JL', name: '吉林省注册会计师协会', practisingPhone: '0431-80549675', nonPractisingPhone: '0431-80549676', firmPhone: '0431-88591826' },
  { code: 'HL', name: '黑龙江省注册会计师协会', practisingPhone: '0451-53676972', nonPractisingPhone: '0451-53676972', firmPhone: '0451-53676972' },
  { code: 'SH', name: '上海市注册会计师协会', practisingPhone: '021-64228466', nonPractisingPhone: '021-33637961', firmPhone: '021-64227159' },
  { code: 'JS', name: '江苏省注册会计师协会', practisingPhone: '025-83633935', nonPractisingPhone: '025-83633935', firmPhone: '025-83633935' },
  { code: 'ZJ', name: '浙江省注册会计师协会', practisingPhone: '0571-85179130', nonPractisingPhone: '0571-85179130', firmPhone: '0571-85179130' },
  { code: 'AH', name: '安徽省注册会计师协会', practisingPhone: '0551-68150456', nonPractisingPhone: '0551-68150363', firmPhone: '0551-68150456' },
  {
    code: 'FJ',
    name: '福建省注册会计师协会',
    practisingPhone: '0591-87097732/7006',
    nonPractisingPhone: '0591-87097732/7006',
    firmPhone: '0591-87097732/7006',
  },
  { code: 'JX', name: '江西省注册会计师协会', practisingPhone: '0791-86253114', nonPractisingPhone: '0791-86253114', firmPhone: '0791-86253114' },
  { code: 'SD', name: '山东省注册会计师协会', practisingPhone: '0531-82919675', nonPractisingPhone: '0531-82919689', firmPhone: '0531-82919675' },
  { code: 'HA', name: '河南省注册会计师协会', practisingPhone: '0371-65741661', nonPractisingPhone: '0371-65741661', firmPhone: '0371-65741661' },
  { code: 'HB', name: '湖北省注册会计师协会', practisingPhone: '027-87826955', nonPractisingPhone: '027-87826955', firmPhone: '027-87826955' },
  { code: 'HN', name: '湖南省注册会计师协会', practisingPhone: '0731-85165268', nonPractisingPhone: '0731-85165268', firmPhone: '0731-85165268' },
  { code: 'GD', name: '广东省注册会计师协会', practisingPhone: '020-83063710', nonPractisingPhone: '020-83063710', firmPhone: '020-83063710' },
  { code: 'GX', name: '广西注册会计师协会', practisingPhone: '0771-2863118', nonPractisingPhone: '0771-2863118', firmPhone: '0771-2863118' },
  { code: 'HI', name: '海南省注册会计师协会', practisingPhone: '0898-68531780', nonPractisingPhone: '0898-68531740', firmPhone: '0898-68531780' },
  { code: 'SC', name: '四川省注册会计师协会', practisingPhone: '028-85315722', nonPractisingPhone: '028-85315722', firmPhone: '028-85315722' },
  { code: 'CQ', name: '重庆市注册会计师协会', practisingPhone: '023-67031194', nonPractisingPhone: '023-67031194', firmPhone: '023-67031194' },
  { code: 'GZ', name: '贵州省注册会计师协会', practisingPhone: '0851-86818625', nonPractisingPhone: '0851-86818625', firmPhone: '0851-86826026' },
  { code: 'YN', name: '云南省注册会计师协会', practisingPhone: '0871-63956064', nonPractisingPhone: '0871-63956064', firmPhone: '0871-63956064' },
  { code: 'XZ', name: '西藏注册会计师协会', practisingPhone: '0891-6591307', nonPractisingPhone: '0891-6591307', firmPhone: '0891-6591307' },
  { code: 'SN', name: '陕西省注册会计师协会', practisingPhone: '029-87611712', nonPractisingPhone: '029-87611712', firmPhone: '029-87611712' },
  { code: 'GS', name: '甘肃省注册会计师协会', practisingPhone: '0931-8899800', nonPractisingPhone: '0931-8899800', firmPhone: '0931-8899800' },
  { code: 'NX', name: '宁夏注册会计师协会', practisingPhone: '0951-5033735', nonPractisingPhone: '0951-5033735', firmPhone: '0951-5033735' },
  { code: 'QH', name: '青海省注册会计师协会', practisingPhone: '0971-3660285', nonPractisingPhone: '0971-3660285', firmPhone: '0971-3660285' },
  { code: 'XJ', name: '新疆注册会计师协会', practisingPhone: '0991-2849024', nonPractisingPhone: '0991-2849024', firmPhone: '0991-2849024' },
  { code: 'SZ', name: '深圳市注册会计师协会', practisingPhone: '0755-83515440', nonPractisingPhone: '0755-83515429', firmPhone: '0755-83515412' },
]

export const CICPA_NAME = '中国注册会计师协会'

export interface CicpaContact {
  label: string
  phones: string[]
  email?: string
}

export const CICPA_CONTACTS: readonly CicpaContact[] = [
  { label: '中国注册会计师协会驻港联络处', phones: ['852-25289085', '852-25289095', '852-25289927', '852-25289660'] },
  { label: '港澳台及境外会员入会咨询', phones: ['86-10-88250132'], email: 'shilei@cicpa.org.cn' },
  { label: '会员线上申请系统及网页问题咨询', phones: ['010-88250338', '010-88250337'] },
  { label: '行业管理信息系统技术支持', phones: ['010-88250337', '010-88250338'] },
]

/** Guangdong's city associations (seed 003, 附件3): members in Guangdong are served locally. */
export const GUANGDONG_CITY_CONTACTS: readonly { city: string; address: string; phone: string }[] = [
  { city: '省注协', address: '广州市东风中路481号粤财大厦17、18楼', phone: '020-83063710' },
  { city: '广州', address: '广州市天河区体育西路191号中石化大厦B塔4302', phone: '020-38922350' },
  { city: '珠海', address: '珠海市香洲区康宁路16-18号', phone: '0756-2529357' },
  { city: '汕头', address: '汕头市龙湖区长平路11街区财政大楼1307室', phone: '0754-88175007' },
  { city: '韶关', address: '韶关市工业西路26号山水华府旭月园一栋6楼', phone: '0751-8177083' },
  { city: '佛山', address: '佛山市禅城区东平二路3号滨海御庭1区4座2701', phone: '0757-83939165' },
  { city: '江门', address: '江门市华园中路21号(市财政局9楼)', phone: '0750-3507073' },
  { city: '湛江', address: '湛江市赤坎康顺路46号', phone: '0759-3220633' },
  { city: '茂名', address: '茂名市双山三路13号大院', phone: '0668-3391696' },
  { city: '肇庆', address: '肇庆市信安四路8号肇庆市财政局402室', phone: '0758-2229343' },
  { city: '潮州', address: '潮州大道南市财政大楼401', phone: '0768-2396302' },
  { city: '揭阳', address: '揭阳市榕城区建阳路华美商业广场85号', phone: '0663-8215580' },
  { city: '汕尾', address: '汕尾市城区汕尾大道中段市财政局二楼', phone: '0660-3340498' },
  { city: '惠州', address: '惠州市江北文华一路6号市财政局9楼', phone: '0752-2881796' },
  { city: '梅州', address: '梅州市梅江区嘉应中路18号', phone: '0753-2122996' },
  { city: '阳江', address: '阳江市石湾北路225号财政局', phone: '0662-3412126' },
  { city: '东莞', address: '东莞市南城区胜和路3号胜和广场B栋10楼10B', phone: '0769-22990059' },
  { city: '中山', address: '中山市东区岐关西路39号之一会计大厦二楼注协办公室', phone: '0760-88818072' },
  { city: '清远', address: '清远市新城北江二路市财政局1001室', phone: '0763-3877992' },
  { city: '河源', address: '河源市源城区益民街9号市财政局3楼', phone: '0762-3388326' },
  { city: '云浮', address: '云浮市云城区金山路82号市财政局1楼102室', phone: '0766-8331907' },
]

const associationsByCode = new Map(LOCAL_ASSOCIATIONS.map((a) => [a.code, a]))

export const LOCAL_ASSOCIATION_CODES = LOCAL_ASSOCIATIONS.map((a) => a.code) as [string, ...string[]]

/** Display name of an association code, CICPA included (foreign applicants join CICPA directly). */
export function associationName(code: string): string {
  if (code === CICPA_CODE) return CICPA_NAME
  const association = associationsByCode.get(code)
  if (!association) throw new Error(`unknown association code ${code}`)
  return association.name
}

/**
 * A published number may list alternatives that replace its last digits
 * ("0591-87097732/7006" is also 0591-87097006); the dialler needs each as a full number.
 */
export function dialableNumbers(published: string): string[] {
  const [first = '', ...alternatives] = published.split('/')
  return [first, ...alternatives.map((tail) => first.slice(0, first.length - tail.length) + tail)]
}
