import { useCallback, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Button, Skeleton } from '@nutui/nutui-react-taro'
import type { ClaimDetail } from '@shared/api/education-schemas'
import { ApiError, call, showError } from '../../../api/client'
import { HoursClaimInfo } from '../../../components/HoursClaimInfo'
import { EDUCATION_PAGES } from '../../../lib/education-pages'
import { useRequiredSession } from '../../../lib/use-session'
import './index.scss'

/** A member's own 产出式学时 / 减免学时 claim: where it stands, what was credited and why. */
export default function ClaimPage() {
  const session = useRequiredSession(['member'])
  const { params } = useRouter()
  const [detail, setDetail] = useState<ClaimDetail | null>(null)
  const [loadError, setLoadError] = useState('')

  const load = useCallback(async () => {
    if (!session || session.user.mustChangePassword || !params.id) return
    try {
      setDetail(await call('claimDetail', { params: { id: params.id } }))
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
    return <View className="claim page">{loadError ? <Text className="muted">{loadError}</Text> : <View className="card"><Skeleton rows={8} animated /></View>}</View>
  }
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
        <Text className="link claim__hours" onClick={() => void Taro.navigateTo({ url: EDUCATION_PAGES.hours })}>
          在学时查询中查看 ›
        </Text>
      ) : null}
    </View>
  )
}
