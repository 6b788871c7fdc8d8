import { useCallback, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Button, Skeleton } from '@nutui/nutui-react-taro'
import type { InspectionDetail } from '@shared/api/inspection-schemas'
import { ApiError, call, showError } from '../../../api/client'
import { InspectionInfo, TrailList } from '../../../components/InspectionInfo'
import { currentInspectionYear } from '@shared/inspection'
import { INSPECTION_PAGES } from '../../../lib/inspection-pages'
import { useRequiredSession } from '../../../lib/use-session'
import './index.scss'

/** One year's inspection: 基本信息, 年检信息, 培训学时 and 查看审批信息 (the trail). */
export default function InspectionDetailPage() {
  const session = useRequiredSession(['member'])
  const { params } = useRouter()
  const [detail, setDetail] = useState<InspectionDetail | null>(null)
  const [error, setError] = useState('')

  const load = useCallback(async () => {
    if (!session || session.user.mustChangePassword || !params.id) return
    try {
      setDetail(await call('inspectionDetail', { params: { id: params.id } }))
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : '加载失败')
      showError(failure)
    } finally {
      Taro.stopPullDownRefresh()
    }
  }, [session, params.id])
  useDidShow(() => void load())
  usePullDownRefresh(() => void load())

  if (!detail) {
    return <View className="detail page">{error ? <Text className="muted">{error}</Text> : <View className="card"><Skeleton rows={8} animated /></View>}</View>
  }
  return (
    <View className="detail page">
      {detail.status === 'passed' && detail.kind === 'inspection' ? (
        <View className="card detail__passed">
          <Text className="detail__passed-mark">✓</Text>
          <Text className="detail__passed-text">{detail.year}年度 年检通过</Text>
        </View>
      ) : null}
      <InspectionInfo detail={detail} />
      <Text className="section-title">审批信息</Text>
      <TrailList trail={detail.trail} />
      {detail.status === 'returned' && detail.year === currentInspectionYear() ? (
        <Button id="detail-reapply" type="primary" block onClick={() => void Taro.navigateTo({ url: detail.kind === 'deferral' ? INSPECTION_PAGES.deferral : INSPECTION_PAGES.apply })}>
          再次申请
        </Button>
      ) : null}
    </View>
  )
}
