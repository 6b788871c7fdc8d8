import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { keepTopPageShown } from './lib/page-stack'
import { setUpTitleBar } from './lib/title-bar'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    keepTopPageShown()
    // Only WeChat asks on its own. Imported here only there (the mini-program resolves import() at
    // once): on H5 the module, which reads storage as it loads, would otherwise keep itself and the
    // guide's text in the app's first script (bench/first-screen.ts).
    if (process.env.TARO_ENV !== 'h5') void import('./lib/privacy').then((privacy) => privacy.listenForPrivacyRequests())
    setUpTitleBar()
  })
  // children is the page that is currently shown
  return children
}

export default App
