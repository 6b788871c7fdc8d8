import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Skeleton } from '@nutui/nutui-react-taro'
import type { MemberCardResponse } from '@shared/api/credential-schemas'
import { Button } from '../../../components/Button'
import { call, showError } from '../../../api/client'
import { usePrivacyConsent } from '../../../components/PrivacyConsent'
import { saveImageToAlbum } from '../../../lib/platform'
import { useRequiredSession } from '../../../lib/use-session'
import './index.scss'

/** 电子会员证 (seed 001 三.3): the QR code and the association's seal prove the membership. */
export default function MemberCardPage() {
  const session = useRequiredSession(['member'])
  const [card, setCard] = useState<MemberCardResponse | null>(null)
  // In WeChat saving to the album is a privacy API: its agreement is asked through this page's popup.
  const privacy = usePrivacyConsent()

  useDidShow(() => {
    if (!session || session.user.mustChangePassword) return
    call('memberCard').then(setCard).catch(showError)
  })

  async function saveQr() {
    if (!card) return
    try {
      await saveImageToAlbum(card.qr.image, `电子会员证-${card.memberNo}.png`)
      void Taro.showToast({ title: '已保存到相册', icon: 'success' })
    } catch {
      void Taro.showToast({ title: '保存失败：请允许访问相册后重试', icon: 'none' })
    }
  }

  if (!card) {
    return (
      <View className="member-card page">
        <View className="card">
          <Skeleton rows={8} animated />
        </View>
      </View>
    )
  }
  return (
    <View className="member-card page">
      <View className="member-card__certificate">
        <Text className="member-card__title">中国注册会计师协会</Text>
        <Text className="member-card__subtitle">非执业会员证</Text>
        <View className="member-card__rows">
          {[
            ['姓名', card.name],
            ['会员编号', card.memberNo],
            ['所属协会', card.association],
            ['入会日期', card.joinDate],
            ['会员状态', card.status],
          ].map(([label, value]) => (
            <View key={label} className="member-card__row">
              <Text className="member-card__label">{label}</Text>
              <Text className="member-card__value">{value}</Text>
            </View>
          ))}
        </View>
        <View className="member-card__proof">
          <Image className="member-card__qr" src={card.qr.image} mode="aspectFit" nativeProps={{ alt: '会员证核验二维码' }} />
          <Image className="member-card__seal" src={card.seal} mode="aspectFit" nativeProps={{ alt: `${card.association}印章` }} />
        </View>
        <Text className="member-card__hint">扫描二维码核验会员资格</Text>
      </View>
      <Button id="card-save" type="primary" fill="outline" block onClick={() => void saveQr()}>
        保存会员证二维码
      </Button>
      {privacy.popup}
    </View>
  )
}
