import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '../../../components/Button'
import { InspectionInfo, TrailList } from '../../../components/InspectionInfo'
import { inspectionYearAt } from '@shared/calendar'
import { isSentBack } from '@shared/inspection'
import { INSPECTION_PAGES } from '../../../lib/inspection-pages'
import { PAGES } from '../../../lib/session'
import { useRequiredSession } from '../../../lib/use-session'
import { RecordPending } from '../../../components/RecordPending'
import { useRecord } from '../../../lib/use-record'
import './index.scss'

/** One year's inspection: 基本信息, 年检信息, 培训学时, 查看审批信息 (the trail) and the year's 【二维码】. */
export default function InspectionDetailPage() {
  const session = useRequiredSession(['member'])
  const { params } = useRouter()
  const { record: detail, error } = useRecord('inspectionDetail', params.id, Boolean(session && !session.user.mustChangePassword))

  if (!detail) return <RecordPending className="detail page" error={error} />
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
      {isSentBack(detail.status) && detail.year === inspectionYearAt(new Date()) ? (
        <Button
          id="detail-reapply"
          type="primary"
          block
          onClick={() => void Taro.navigateTo({ url: detail.kind === 'deferral' ? INSPECTION_PAGES.deferral : INSPECTION_PAGES.apply })}
        >
          再次申请
        </Button>
      ) : null}
      <Button
        id="detail-qr"
        className="detail__qr"
        type="primary"
        fill="outline"
        block
        onClick={() => void Taro.navigateTo({ url: `${PAGES.inspectionQr}?id=${detail.id}` })}
      >
        二维码
      </Button>
    </View>
  )
}
