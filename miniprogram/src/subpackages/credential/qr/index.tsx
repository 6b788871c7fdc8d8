import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Empty, Skeleton } from '@nutui/nutui-react-taro'
import type { InspectionQrResponse } from '@shared/api/credential-schemas'
import { Button } from '../../../components/Button'
import { ApiError, call } from '../../../api/client'
import { usePrivacyConsent } from '../../../components/PrivacyConsent'
import { saveImageToAlbum } from '../../../lib/platform'
import { useRequiredSession } from '../../../lib/use-session'
import { useDidShow } from '@tarojs/taro'
import './index.scss'

/**
 * 年检二维码 (seed 003, 2.1.6 and 2.2.3) to show or save: of the year `?id=` names when opened from
 * 历年年检结果查询, else (我的 → 年检二维码) of the latest inspection.
 */
export default function InspectionQrPage() {
  const session = useRequiredSession(['member'])
  const { params } = useRouter()
  const [qr, setQr] = useState<InspectionQrResponse | null>(null)
  const [missing, setMissing] = useState('')
  const [saving, setSaving] = useState(false)
  // In WeChat saving to the album is a privacy API: its agreement is asked through this page's popup.
  const privacy = usePrivacyConsent()

  useDidShow(() => {
    if (!session || session.user.mustChangePassword) return
    call('inspectionQr', params.id ? { query: { id: params.id } } : {})
      .then((loaded) => {
        setQr(loaded)
        setMissing('')
      })
      .catch((error: unknown) => setMissing(error instanceof ApiError ? error.message : '加载失败，请稍后重试'))
  })

  async function save() {
    if (!qr) return
    setSaving(true)
    try {
      await saveImageToAlbum(qr.image, `年检二维码-${qr.year}.png`)
      void Taro.showToast({ title: '已保存到相册', icon: 'success' })
    } catch {
      void Taro.showToast({ title: '保存失败：请允许访问相册后重试', icon: 'none' })
    } finally {
      setSaving(false)
    }
  }

  if (missing) {
    return (
      <View className="qr page">
        <Empty className="card qr__empty" image={<View />} title="暂无年检二维码" description={missing} />
      </View>
    )
  }
  return (
    <View className="qr page">
      <View className="card qr__card">
        {qr ? (
          <>
            <Text className="qr__name">{qr.nameMasked}</Text>
            <Text className="qr__association">{qr.association}</Text>
            <Image className="qr__image" src={qr.image} mode="aspectFit" showMenuByLongpress nativeProps={{ alt: `${qr.year}年度年检二维码` }} />
            <Text className={`qr__result ${qr.inGoodStanding ? '' : 'qr__result--warning'}`}>
              {qr.year}年度 · {qr.result}
            </Text>
          </>
        ) : (
          <Skeleton rows={6} animated />
        )}
      </View>
      <Button id="qr-save" type="primary" block loading={saving} disabled={!qr} onClick={() => void save()}>
        保存二维码到手机相册
      </Button>
      <Text className="muted qr__note">他人扫码可核验您的年检信息（姓名部分隐藏，不显示证件号码与联系方式）。</Text>
      {privacy.popup}
    </View>
  )
}
