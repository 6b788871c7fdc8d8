import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Popup, Skeleton } from '@nutui/nutui-react-taro'
import type { MemberMessage } from '@shared/api/inspection-schemas'
import { formatChinaTime } from '@shared/china-time'
import { Button } from './Button'
import { call, showError } from '../api/client'
import { INSPECTION_PAGES } from '../lib/inspection-pages'
import './LatestMessage.scss'

/**
 * 🔔 on the home page (seed 003, 2.1.5): the newest message with its reason first, then 【更多】 opens
 * the message list. Shown in full here, it counts as read.
 */
export function useLatestMessage(onRead: () => void) {
  const [open, setOpen] = useState(false)
  const [latest, setLatest] = useState<MemberMessage | null | undefined>(undefined)

  async function show() {
    setOpen(true)
    setLatest(undefined)
    try {
      const newest = (await call('memberMessages')).items[0] ?? null
      setLatest(newest)
      if (newest && !newest.read) {
        await call('readMessage', { params: { id: newest.id } })
        onRead()
      }
    } catch (error) {
      setOpen(false)
      showError(error)
    }
  }

  function go(url: string) {
    setOpen(false)
    void Taro.navigateTo({ url })
  }

  const popup = (
    <Popup className="latest-message" visible={open} position="bottom" round closeable destroyOnClose title="消息提醒" onClose={() => setOpen(false)}>
      <View className="latest-message__body">
        {latest === undefined ? (
          <Skeleton rows={3} animated />
        ) : latest === null ? (
          <Text className="muted latest-message__none">暂无消息，审核结果会在这里通知您</Text>
        ) : (
          <>
            <Text className="latest-message__title">{latest.title}</Text>
            <Text className="latest-message__reason">
              {latest.node}：{latest.opinion}
            </Text>
            <Text className="muted">
              {latest.unit} · {formatChinaTime(latest.at)}
            </Text>
          </>
        )}
        <View className="latest-message__actions">
          {latest ? (
            <Button
              id="latest-message-open"
              className="latest-message__action"
              fill="outline"
              type="primary"
              onClick={() => go(`${INSPECTION_PAGES.message}?id=${latest.id}`)}
            >
              查看详情
            </Button>
          ) : null}
          <Button id="latest-message-more" className="latest-message__action" type="primary" onClick={() => go(INSPECTION_PAGES.messages)}>
            更多
          </Button>
        </View>
      </View>
    </Popup>
  )
  return { show: () => void show(), popup }
}
