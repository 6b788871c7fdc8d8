/**
 * 《用户隐私保护指引》: what the mini-program collects, why, how long it keeps it and who receives it.
 * The guide page shows it in full and the privacy popup sums it up; the README lists the same
 * entries for the WeChat console, where the mini-program's own copy is declared.
 */

/**
 * Raise it whenever what is collected, why or who receives it changes: the H5 build then asks
 * every member again (in WeChat, the console's new version does the same).
 */
export const PRIVACY_GUIDE_VERSION = '1'

/** Where the H5 build remembers which version of the guide this browser agreed to. */
export const PRIVACY_CONSENT_KEY = 'cicpa.privacyAgreed'

export interface PrivacyItem {
  /** Its name in the popup's one-line summary. */
  name: string
  /** 处理的信息, as the member knows it. */
  data: string
  /** 用途: the flows of the manuals it serves. */
  purpose: string
}

export const PRIVACY_ITEMS: readonly PrivacyItem[] = [
  {
    name: '身份证件号码',
    data: '身份证件号码（及证件类型、姓名、性别、出生日期、民族等身份信息）',
    purpose: '非执业会员入会申请时核实申请人身份并建立会员档案；入会进度查询、会员编号查询时核对申请人；找回密码选择“其他信息验证”时核对会员身份。',
  },
  {
    name: '手机号码',
    data: '手机号码',
    purpose: '入会申请和年检“完善信息”中的联系方式；找回密码时向会员登记的手机号码发送短信验证码；按基本信息查询入会进度时核对申请人。',
  },
  {
    name: '邮箱等档案信息',
    data: '电子邮箱、工作单位、学历、户籍地、全科合格证号等',
    purpose: '入会申请和年检“完善信息”所需的会员档案信息；找回密码时作为辅助证明材料核对。',
  },
  {
    name: '照片',
    data: '照片（从相册选择或拍摄）',
    purpose: '入会申请所需的近期白底免冠证件照，存入会员档案。',
  },
  {
    name: '选中的文件',
    data: '选中的文件',
    purpose: '年检申请材料、暂缓年检证明、产出式学时和减免学时的证明材料。',
  },
  {
    name: '摄像头',
    data: '摄像头',
    purpose: '协会工作人员使用“扫一扫”核验会员的年检二维码和电子会员证；拍摄入会照片。仅在您点击后使用，不保存画面。',
  },
  {
    name: '相册（仅写入）',
    data: '相册（仅写入）',
    purpose: '将年检二维码、电子会员证二维码保存到手机相册；不读取相册中的其他内容。',
  },
  {
    name: '剪切板（仅写入）',
    data: '剪切板（仅写入）',
    purpose: '复制入会业务编号和初始密码，方便您粘贴保存；不读取剪切板内容。',
  },
  {
    name: '微信 openid',
    data: '微信 openid（微信为本小程序分配的用户标识）',
    purpose: '微信登录、绑定微信后接收找回密码验证码和审核结果通知（订阅消息），以及通过微信支付缴纳会费、学习费。',
  },
]

export const PRIVACY_RETENTION: readonly string[] = [
  '会员档案信息（身份信息、联系方式、照片、年检和学时记录）在会员资格存续期间保存，会员资格终止后按中注协会员档案管理规定保存和处理。',
  '入会申请资料在审核期间及审核结束后按规定作为会员档案保存；未通过的申请按规定归档。',
  '已上传但未提交的照片和附件在 1 天后自动删除。',
  '短信和微信验证码 5 分钟内有效，使用后立即失效；初始密码在您首次修改密码后删除。',
]

export const PRIVACY_RECIPIENTS: readonly string[] = [
  '您所属的地方注册会计师协会（地方注协）：审核入会申请、年检、暂缓年检、学时申请，确认会费。',
  '中国注册会计师协会（中注协）：确认入会、审批会员资格良好存续证明，管理全国会员档案。',
  '腾讯（微信）：微信登录、订阅消息和微信支付，仅涉及 openid 和订单金额。',
  '短信服务提供方：向您登记的手机号码发送验证码，仅涉及手机号码和验证码。',
]
