import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { keepTopPageShown } from './lib/page-stack'
import { listenForPrivacyRequests } from './lib/privacy'
import { setUpTitleBar } from './lib/title-bar'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    keepTopPageShown()
    listenForPrivacyRequests()
    setUpTitleBar()
  })
  // children is the page that is currently shown
  return children
}

export default App
