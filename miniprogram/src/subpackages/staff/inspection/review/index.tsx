import { useCallback, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Skeleton } from '@nutui/nutui-react-taro'
import type { InspectionDetail } from '@shared/api/inspection-schemas'
import { ApiError, call, showError } from '../../../../api/client'
import { InspectionInfo, TrailList } from '../../../../components/InspectionInfo'
import { DECISION_WORDS, PassOrReturn } from '../../../../components/PassOrReturn'
import { useRequiredSession } from '../../../../lib/use-session'
import './index.scss'

/** Local staff review one inspection or deferral: everything the member submitted, then pass or return. */
export default function InspectionReviewPage() {
  const session = useRequiredSession(['local_staff'])
  const { params } = useRouter()
  const [detail, setDetail] = useState<InspectionDetail | null>(null)
  const [loadError, setLoadError] = useState('')

  const load = useCallback(async () => {
    if (!session || session.user.mustChangePassword || !params.id) return
    try {
      setDetail(await call('inspectionDetail', { params: { id: params.id } }))
    } catch (error) {
      setLoadError(error instanceof ApiError ? error.message : '加载失败')
      showError(error)
    } finally {
      Taro.stopPullDownRefresh()
    }
  }, [session, params.id])
  useDidShow(() => void load())
  usePullDownRefresh(() => void load())

  if (!detail) {
    return <View className="review page">{loadError ? <Text className="muted">{loadError}</Text> : <View className="card"><Skeleton rows={8} animated /></View>}</View>
  }
  return (
    <View className="review page">
      <InspectionInfo detail={detail} />
      <Text className="section-title">审批信息</Text>
      <TrailList trail={detail.trail} />
      {detail.status === 'pending' ? (
        <PassOrReturn
          version={detail.version}
          question={(decision) => `确定${DECISION_WORDS[decision]}${detail.member.name}的${detail.year}年度${detail.kindLabel}吗？`}
          submit={async (body) => setDetail(await call('decideInspection', { params: { id: detail.id }, body }))}
          reload={() => void load()}
        />
      ) : (
        <Text className="muted review__done">该申请已办理：{detail.statusLabel}</Text>
      )}
    </View>
  )
}
