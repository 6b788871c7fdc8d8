import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { call } from '../../../../api/client'
import { InspectionInfo, TrailList } from '../../../../components/InspectionInfo'
import { DECISION_WORDS, PassOrReturn } from '../../../../components/PassOrReturn'
import { useRequiredSession } from '../../../../lib/use-session'
import { RecordPending } from '../../../../components/RecordPending'
import { useRecord } from '../../../../lib/use-record'
import './index.scss'

/** Local staff review one inspection or deferral: everything the member submitted, then pass or return. */
export default function InspectionReviewPage() {
  const session = useRequiredSession(['local_staff'])
  const { params } = useRouter()
  const { record: detail, setRecord: setDetail, error: loadError, reload: load } = useRecord('inspectionDetail', params.id, Boolean(session && !session.user.mustChangePassword))

  if (!detail) return <RecordPending className="review" error={loadError} />
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
