import type { ComponentType } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Feedback, Home, HomeF, User, UserF } from '@nutui/icons-react-taro'
import { PAGES, readSession } from '../lib/session'
import './TabBar.scss'

type Icon = ComponentType<{ className?: string }>
type TabKey = 'home' | 'inbox' | 'mine'

interface Tab {
  key: TabKey
  text: string
  url: string
  icon: Icon
  activeIcon: Icon
}

const HOME: Tab = { key: 'home', text: '首页', url: PAGES.memberHome, icon: Home, activeIcon: HomeF }
const INBOX: Tab = { key: 'inbox', text: '待办', url: PAGES.staffInbox, icon: Feedback, activeIcon: Feedback }
const MINE: Tab = { key: 'mine', text: '我的', url: PAGES.mine, icon: User, activeIcon: UserF }

/**
 * The bar under 首页 / 待办 and 我的. Not the mini-program's own `tabBar`: its pages must sit in the
 * main package and be the same for everyone, while staff start in their subpackage's inbox and
 * members on the home page. Each tab is the bottom of its own stack, so switching replaces the page.
 */
export function TabBar(props: { current: TabKey }) {
  const session = readSession()
  if (!session) return null
  const tabs = session.user.role === 'member' ? [HOME, MINE] : [INBOX, MINE]
  return (
    <>
      <View className="tab-bar__spacer" />
      <View className="tab-bar" role="navigation" aria-label="主导航">
        {tabs.map((tab) => {
          const active = tab.key === props.current
          const TabIcon = active ? tab.activeIcon : tab.icon
          return (
            <View
              key={tab.key}
              className={`tab-bar__item tab-bar__item--${tab.key} ${active ? 'tab-bar__item--active' : ''}`}
              role="link"
              aria-current={active ? 'page' : undefined}
              onClick={() => {
                if (!active) void Taro.redirectTo({ url: tab.url })
              }}
            >
              <TabIcon className="tab-bar__icon" />
              <Text className="tab-bar__text">{tab.text}</Text>
            </View>
          )
        })}
      </View>
    </>
  )
}
