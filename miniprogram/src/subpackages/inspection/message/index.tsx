import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Skeleton } from '@nutui/nutui-react-taro'
import type { MemberMessage } from '@shared/api/inspection-schemas'
import { isSentBack } from '@shared/inspection'
import { Button } from '../../../components/Button'
import { call, showError } from '../../../api/client'
import { EDUCATION_PAGES } from '../../../lib/education-pages'
import { INSPECTION_PAGES } from '../../../lib/inspection-pages'
import { useRequiredSession } from '../../../lib/use-session'
import './index.scss'
import { formatChinaTime } from '@shared/china-time'

/** 查看详情 of one message: node, unit, reason and time; opening it marks it read. */
export default function MessagePage() {
  const session = useRequiredSession(['member'])
  const { params } = useRouter()
  const [message, setMessage] = useState<MemberMessage | null>(null)
  const [missing, setMissing] = useState(false)
  const [reapplyPage, setReapplyPage] = useState<string | null>(null)

  useDidShow(() => {
    if (!session || session.user.mustChangePassword) return
    void (async () => {
      try {
        const [{ items }, overview] = await Promise.all([call('memberMessages'), call('inspectionOverview')])
        const found = items.find((item) => item.id === params.id) ?? null
        setMessage(found)
        setMissing(!found)
        const application = overview.application
        const sentBack = application && application.id === found?.subjectId && isSentBack(application.status)
        setReapplyPage(sentBack ? (application.kind === 'deferral' ? INSPECTION_PAGES.deferral : INSPECTION_PAGES.apply) : null)
        if (found && !found.read) await call('readMessage', { params: { id: found.id } })
      } catch (error) {
        showError(error)
      }
    })()
  })

  if (!message) {
    return (
      <View className="message page">
        {missing ? (
          <Text className="muted">该消息不存在</Text>
        ) : (
          <View className="card">
            <Skeleton rows={4} animated />
          </View>
        )}
      </View>
    )
  }
  const reasonLabel =
    message.subject === 'reminder' ? '提醒内容' : message.node.includes('退回') ? '退回原因' : message.node.includes('更正') ? '更正原因' : '审核意见'
  return (
    <View className="message page">
      <View className="card message__card">
        <Text className="message__title">{message.title}</Text>
        <View className="message__row">
          <Text className="message__label">节点</Text>
          <Text>{message.node}</Text>
        </View>
        <View className="message__row">
          <Text className="message__label">办理单位</Text>
          <Text>{message.unit}</Text>
        </View>
        <View className="message__row">
          <Text className="message__label">{reasonLabel}</Text>
          <Text className={reasonLabel === '审核意见' ? '' : 'message__reason'}>{message.opinion}</Text>
        </View>
        <View className="message__row">
          <Text className="message__label">时间</Text>
          <Text>{formatChinaTime(message.at)}</Text>
        </View>
      </View>
      {reapplyPage ? (
        <Button id="message-reapply" type="primary" block onClick={() => void Taro.navigateTo({ url: reapplyPage })}>
          再次申请
        </Button>
      ) : null}
      {message.subject === 'inspection' ? (
        <Button
          className="message__trail"
          block
          fill="outline"
          onClick={() => void Taro.navigateTo({ url: `${INSPECTION_PAGES.detail}?id=${message.subjectId}` })}
        >
          查看审批信息
        </Button>
      ) : message.subject === 'hours_claim' ? (
        <Button
          id="message-claim"
          className="message__trail"
          block
          fill="outline"
          onClick={() => void Taro.navigateTo({ url: `${EDUCATION_PAGES.claim}?id=${message.subjectId}` })}
        >
          查看申请详情
        </Button>
      ) : message.subject === 'reminder' ? (
        <Button id="message-apply" className="message__trail" block fill="outline" onClick={() => void Taro.navigateTo({ url: INSPECTION_PAGES.apply })}>
          去年检申请
        </Button>
      ) : (
        <Button id="message-fee" className="message__trail" block fill="outline" onClick={() => void Taro.navigateTo({ url: INSPECTION_PAGES.apply })}>
          查看缴费情况
        </Button>
      )}
    </View>
  )
}
