import { Text, View } from '@tarojs/components'
import { CICPA_CONTACTS, CICPA_NAME } from '@shared/associations'
import { PRIVACY_GUIDE_VERSION, PRIVACY_ITEMS, PRIVACY_RECIPIENTS, PRIVACY_RETENTION } from '@shared/privacy-guide'
import { PhoneLinks } from '../../../components/PhoneLink'
import './index.scss'

const INQUIRY = CICPA_CONTACTS.filter((contact) => contact.label.includes('会员线上申请系统'))

/**
 * 《用户隐私保护指引》 in full: open without logging in, from 我的 and from the privacy popup. Inside
 * WeChat the popup opens WeChat's copy, declared in the console from the same entries (README).
 */
export default function PrivacyGuidePage() {
  return (
    <View className="privacy-guide page">
      <View className="card">
        <Text className="privacy-guide__title">用户隐私保护指引</Text>
        <Text className="muted privacy-guide__version">版本 {PRIVACY_GUIDE_VERSION}</Text>
        <Text className="privacy-guide__paragraph">
          本指引由{CICPA_NAME}
          （以下简称“中注协”）制定，说明“中注协会员服务”小程序及其网页版如何处理您的个人信息。我们仅处理提供会员服务所必需的信息，并在您同意本指引后才开始收集。
        </Text>
      </View>

      <Text className="section-title">一、我们处理的信息及用途</Text>
      <View className="card">
        {PRIVACY_ITEMS.map((item) => (
          <View key={item.name} className="privacy-guide__item">
            <Text className="privacy-guide__data">{item.data}</Text>
            <Text className="privacy-guide__paragraph">{item.purpose}</Text>
          </View>
        ))}
      </View>

      <Text className="section-title">二、保存期限</Text>
      <View className="card">
        {PRIVACY_RETENTION.map((line) => (
          <Text key={line} className="privacy-guide__bullet">
            {line}
          </Text>
        ))}
      </View>

      <Text className="section-title">三、信息的接收方</Text>
      <View className="card">
        {PRIVACY_RECIPIENTS.map((line) => (
          <Text key={line} className="privacy-guide__bullet">
            {line}
          </Text>
        ))}
        <Text className="privacy-guide__paragraph">除上述情形和法律法规规定外，我们不会向其他任何人提供您的个人信息。信息存储在中华人民共和国境内。</Text>
      </View>

      <Text className="section-title">四、您的权利与联系方式</Text>
      <View className="card">
        <Text className="privacy-guide__paragraph">
          您可以在“我的”中查看本人的会员信息；如需更正，或对个人信息处理有疑问、投诉，请联系所属地方注协（见“联系方式”）或中注协：
        </Text>
        {INQUIRY.map((contact) => (
          <View key={contact.label} className="privacy-guide__contact">
            <Text className="muted">{contact.label}</Text>
            <PhoneLinks published={contact.phones.join('/')} />
          </View>
        ))}
        <Text className="privacy-guide__paragraph">本指引更新时，我们会在您下次填写或上传个人信息前再次请您阅读并同意。</Text>
      </View>
    </View>
  )
}
