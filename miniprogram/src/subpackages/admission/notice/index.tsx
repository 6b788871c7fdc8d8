import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Checkbox } from '@nutui/nutui-react-taro'
import { Button } from '../../../components/Button'
import { ELIGIBILITY_YEARS } from '@shared/admission'
import { ADMISSION_VERIFY_PAGE, startNewApplication } from '../draft'
import '../admission.scss'

/** 入会须知 (seed 000, 1.2), condensed from the CICPA FAQ (seed 001): read and accept before applying. */
const NOTICE: { heading: string; text: string }[] = [
  {
    heading: '一、申请条件',
    text: `取得注册会计师全国统一考试全科合格证（以下简称全科合格证）不超过${ELIGIBILITY_YEARS}年的人员，可申请成为非执业会员。执业会员申请成为非执业会员，须停止执业或被撤销、注销注册不超过${ELIGIBILITY_YEARS}年。`,
  },
  { heading: '二、全科合格证丢失', text: '全科合格证丢失的，可直接填写全科合格证号后在线申请。' },
  {
    heading: '三、所属注协',
    text: '请选择本人工作或户籍所在地的地方注册会计师协会；取得全科合格证的境外考生，所属注协请选择“中国注册会计师协会”。',
  },
  {
    heading: '四、审核流程',
    text: '提交申请后获得业务编号。申请先由地方注协审核，通过后由中注协确认。可凭业务编号或基本信息随时查询进度；被退回的申请可按退回原因修改后以原业务编号重新提交。',
  },
  {
    heading: '五、会员编号与初始密码',
    text: '中注协审核通过后，进度查询页面显示会员编号、登录名和初始密码。初始密码为随机生成，首次登录须立即修改。',
  },
  {
    heading: '六、信息真实',
    text: '申请人应如实填写申请信息并对其真实性负责。个人信息仅用于会员管理，页面中的证件号码等敏感信息均做脱敏处理。',
  },
]

export default function AdmissionNoticePage() {
  const [accepted, setAccepted] = useState(false)

  function proceed() {
    startNewApplication()
    void Taro.navigateTo({ url: ADMISSION_VERIFY_PAGE })
  }

  return (
    <View className="admission page">
      <View className="card">
        <Text className="admission__title">入会须知</Text>
        {NOTICE.map((section) => (
          <View key={section.heading}>
            <Text className="admission__heading">{section.heading}</Text>
            <Text className="admission__paragraph">{section.text}</Text>
          </View>
        ))}
      </View>
      <View className="card">
        <Checkbox className="admission-notice__accept" checked={accepted} onChange={setAccepted} label="我已阅读并接受以上入会须知" />
        <View className="admission__actions">
          <Button id="notice-accept" type="primary" block disabled={!accepted} onClick={proceed}>
            接受并继续
          </Button>
        </View>
        {!accepted ? <Text className="muted admission__hint">请先阅读并勾选接受入会须知</Text> : null}
      </View>
    </View>
  )
}
