import { useEffect, useState, useSyncExternalStore } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Popup } from '@nutui/nutui-react-taro'
import { PRIVACY_ITEMS } from '@shared/privacy-guide'
import { addPrivacyHost, answerPrivacy, checkPrivacyAgreement, isTopPrivacyHost, privacyState, requirePrivacyAgreement, subscribePrivacy } from '../lib/privacy'
import { PAGES } from '../lib/session'
import { Button } from './Button'
import './PrivacyConsent.scss'

/** WeChat checks that the button with this id was tapped before the pending privacy API continues. */
const AGREE_BUTTON_ID = 'privacy-agree'

/** 《用户隐私保护指引》: WeChat's own copy (declared in the console) inside WeChat, the guide page in H5. */
function openGuide() {
  if (process.env.TARO_ENV === 'h5') {
    void Taro.navigateTo({ url: PAGES.privacyGuide })
    return
  }
  Taro.openPrivacyContract({ fail: () => void Taro.navigateTo({ url: PAGES.privacyGuide }) })
}

function PrivacyPopup({ visible }: { visible: boolean }) {
  const h5 = process.env.TARO_ENV === 'h5'
  return (
    <Popup className="privacy-popup" visible={visible} position="bottom" round closeOnOverlayClick={false} title="用户隐私保护提示">
      <View className="privacy-popup__body" role="dialog" aria-label="用户隐私保护提示">
        <Text className="privacy-popup__text">
          在您填写或上传个人信息前，请阅读并同意
          <Text className="link privacy-popup__guide" onClick={openGuide}>
            《用户隐私保护指引》
          </Text>
          。本小程序将处理：{PRIVACY_ITEMS.map((item) => item.name).join('、')}
          ，仅用于入会申请、年检、继续教育和找回密码等会员服务，由您所属的地方注协和中注协审核使用。
        </Text>
        <Text className="muted privacy-popup__text">拒绝后您仍可浏览，但不能填写或上传个人信息。</Text>
        <View className="privacy-popup__actions">
          <Button id="privacy-refuse" className="privacy-popup__button" fill="outline" type="default" onClick={() => answerPrivacy({ agreed: false })}>
            拒绝
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className="privacy-popup__button"
            type="primary"
            openType="agreePrivacyAuthorization"
            // In WeChat the tap itself records the agreement and then fires this event; H5 has only the click.
            onAgreePrivacyAuthorization={() => answerPrivacy({ agreed: true, buttonId: AGREE_BUTTON_ID })}
            onClick={h5 ? () => answerPrivacy({ agreed: true }) : undefined}
          >
            同意
          </Button>
        </View>
      </View>
    </Popup>
  )
}

/**
 * The privacy popup and the member's answer, for every screen that collects personal data: render
 * `popup` once. With `askOnOpen` the screen asks as soon as it opens (forms for ID numbers and
 * phone numbers); otherwise the photo, file or scan wrappers ask at the first use (lib/upload,
 * lib/platform), and WeChat asks through the same popup (lib/privacy).
 */
export function usePrivacyConsent(askOnOpen = false) {
  const [host] = useState(() => Symbol('privacy-popup'))
  const current = useSyncExternalStore(subscribePrivacy, privacyState)
  useEffect(() => addPrivacyHost(host), [host])
  useEffect(() => {
    void (askOnOpen ? requirePrivacyAgreement() : checkPrivacyAgreement())
  }, [askOnOpen])
  return {
    agreed: current.agreed === true,
    refused: current.refused && current.agreed !== true,
    popup: <PrivacyPopup visible={current.asking && isTopPrivacyHost(host)} />,
  }
}

/** Why a collecting action is disabled after 拒绝, with the way to agree after all. */
export function PrivacyRefusal(props: { action: string }) {
  return (
    <View className="privacy-refusal" role="alert">
      <Text className="error-text">需同意《用户隐私保护指引》后才能{props.action}</Text>
      <Text className="link privacy-refusal__agree" onClick={() => void requirePrivacyAgreement()}>
        查看并同意
      </Text>
    </View>
  )
}
