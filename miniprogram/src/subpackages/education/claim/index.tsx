import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '../../../components/Button'
import { HoursClaimInfo } from '../../../components/HoursClaimInfo'
import { EDUCATION_PAGES } from '../../../lib/education-pages'
import { useRequiredSession } from '../../../lib/use-session'
import { RecordPending } from '../../../components/RecordPending'
import { useRecord } from '../../../lib/use-record'
import './index.scss'

/** A member's own 产出式学时 / 减免学时 claim: where it stands, what was credited and why. */
export default function ClaimPage() {
  const session = useRequiredSession(['member'])
  const { params } = useRouter()
  const { record: detail, error: loadError } = useRecord('claimDetail', params.id, Boolean(session && !session.user.mustChangePassword))

  if (!detail) return <RecordPending className="claim page" error={loadError} />
  const { claim } = detail
  return (
    <View className="claim page">
      <HoursClaimInfo detail={detail} />
      {claim.status === 'returned' ? (
        <View className="claim__again">
          <Text className="muted">被退回的申请不能修改，请按退回原因补充后重新新增申报。</Text>
          <Button
            id="claim-again"
            type="primary"
            block
            onClick={() => void Taro.redirectTo({ url: claim.kind === 'output' ? EDUCATION_PAGES.outputClaim : EDUCATION_PAGES.exemptionClaim })}
          >
            重新申报
          </Button>
        </View>
      ) : null}
      {claim.status === 'approved' ? (
        <Text className="link claim__hours" onClick={() => void Taro.navigateTo({ url: `${EDUCATION_PAGES.hours}?year=${claim.year}` })}>
          在学时查询中查看 ›
        </Text>
      ) : null}
    </View>
  )
}
