import { insideWechatBrowser } from './wechat-browser'

/**
 * The H5 build's title bar: Taro's router draws it (the page's navigationBarTitleText, a back button
 * while there is a page to go back to) because the app's window.navigationStyle is 'default'; the
 * mini-program has WeChat's own. Inside WeChat's browser it stays hidden: WeChat's bar already shows
 * the page's title (document.title, which the router sets) with its own back and close buttons, so a
 * second bar would repeat the title and take 45 px of a phone's screen.
 */
export function setUpTitleBar() {
  if (process.env.TARO_ENV !== 'h5' || insideWechatBrowser()) return
  document.documentElement.classList.add('with-title-bar')
  // The router draws its back button as a bare <div>: name it and let a keyboard reach it.
  const back = document.querySelector<HTMLElement>('#taro-navigation-bar .taro-navigation-bar-back')
  if (!back) return
  back.setAttribute('role', 'button')
  back.setAttribute('aria-label', '返回')
  back.tabIndex = 0
  back.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') back.click()
  })
}
