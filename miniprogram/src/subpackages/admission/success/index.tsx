import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ResultPage } from '@nutui/nutui-react-taro'
import { Button } from '../../../components/Button'
import { usePrivacyConsent } from '../../../components/PrivacyConsent'
import { PAGES } from '../../../lib/session'
import '../admission.scss'

/** 申请提交成功 (seed 000, 1.5): the business number is what the applicant needs to follow the application. */
export default function AdmissionSuccessPage() {
  const { params } = useRouter()
  const businessNo = params.businessNo ?? ''
  const resubmitted = params.resubmitted === '1'
  // In WeChat the clipboard is a privacy API: its agreement is asked through this page's popup.
  const privacy = usePrivacyConsent()

  return (
    <View className="admission page">
      <View className="card">
        <ResultPage
          status="success"
          title={resubmitted ? '修改后的申请已重新提交' : '入会申请已提交'}
          description="请等待地方注协审核，审核通过后由中注协确认"
        />
        <Text className="muted admission__hint">业务编号（请妥善保存，用于查询进度）</Text>
        <Text className="admission__big-number admission-success__number">{businessNo}</Text>
        <Button id="copy-business-no" block fill="outline" type="primary" onClick={() => void Taro.setClipboardData({ data: businessNo })}>
          复制业务编号
        </Button>
        <View className="admission__actions">
          <Button id="go-progress" block type="primary" onClick={() => void Taro.redirectTo({ url: `${PAGES.admissionProgress}?businessNo=${businessNo}` })}>
            查询申请进度
          </Button>
        </View>
        <View className="admission__actions">
          <Button block onClick={() => void Taro.reLaunch({ url: PAGES.login })}>
            返回首页
          </Button>
        </View>
      </View>
      {privacy.popup}
    </View>
  )
}
