import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { listenForPrivacyRequests } from './lib/privacy'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => listenForPrivacyRequests())
  // children is the page that is currently shown
  return children
}

export default App
