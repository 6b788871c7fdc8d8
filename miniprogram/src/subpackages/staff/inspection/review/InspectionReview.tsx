import { Text, View } from '@tarojs/components'
import { call } from '../../../../api/client'
import { CorrectionPanel } from '../../../../components/CorrectionPanel'
import { InspectionInfo, TrailList } from '../../../../components/InspectionInfo'
import { DECISION_WORDS, PassOrReturn } from '../../../../components/PassOrReturn'
import { RecordPending } from '../../../../components/RecordPending'
import { useRecord } from '../../../../lib/use-record'
import type { DetailProps } from '../../lib/detail-page'
import './index.scss'

/**
 * One inspection or deferral: everything the member submitted, then pass or return (local staff,
 * while it waits), or 更正 once decided (local staff and CICPA, e.g. reached by scanning the member's QR).
 */
export function InspectionReview({ id, user, onDecided }: DetailProps) {
  const { record: detail, setRecord: setDetail, error: loadError, reload: load } = useRecord('inspectionDetail', id, true)

  if (!detail) return <RecordPending className="review" error={loadError} />
  return (
    <View className="review">
      <InspectionInfo detail={detail} />
      <Text className="section-title">审批信息</Text>
      <TrailList trail={detail.trail} />
      {detail.status === 'pending' && user.role === 'local_staff' ? (
        <PassOrReturn
          version={detail.version}
          question={(decision) => `确定${DECISION_WORDS[decision]}${detail.member.name}的${detail.year}年度${detail.kindLabel}吗？`}
          submit={async (body) => {
            setDetail(await call('decideInspection', { params: { id: detail.id }, body }))
            onDecided?.()
          }}
          reload={() => void load()}
        />
      ) : (
        <>
          <Text className="muted review__done">
            {detail.status === 'pending' ? `待地方注协审核：${detail.statusLabel}` : `该申请已办理：${detail.statusLabel}`}
          </Text>
          <CorrectionPanel
            detail={detail}
            submit={async (body) => setDetail(await call('correctInspection', { params: { id: detail.id }, body }))}
            reload={() => void load()}
          />
        </>
      )}
    </View>
  )
}
