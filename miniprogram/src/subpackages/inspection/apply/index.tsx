import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Checkbox, Skeleton } from '@nutui/nutui-react-taro'
import { Button } from '../../../components/Button'
import { isSentBack, sentBackReasonLabel } from '@shared/inspection'
import { ApiError, call, showError } from '../../../api/client'
import { INSPECTION_PAGES } from '../../../lib/inspection-pages'
import { usePageData } from '../../../lib/use-page-data'
import { askToNotify, useSubscriptionPrompt } from '../../../lib/subscribe'
import { useRequiredSession } from '../../../lib/use-session'
import type { Materials as MaterialLists } from '@shared/api/inspection-schemas'
import { COMMITMENT_LETTER } from '../commitment'
import { FeeActions } from '../Fee'
import { Materials } from '../Materials'
import { InspectionSteps } from '../Steps'
import { YearTable } from '../YearTable'
import { StatusTag } from '../../../components/StatusTag'
import { blockerTone } from '../../../lib/status-tone'
import { askToConfirm } from '../../../lib/dialog'
import './index.scss'

export default function InspectionApplyPage() {
  const session = useRequiredSession(['member'])
  const { data: overview, failed, reload } = usePageData('inspectionOverview', Boolean(session && !session.user.mustChangePassword))
  const [accepted, setAccepted] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [formError, setFormError] = useState('')
  const [materials, setMaterials] = useState<MaterialLists | null>(null)
  useSubscriptionPrompt()

  if (!overview) {
    return (
      <View className="apply page">
        {failed ? (
          <Text className="link" onClick={() => void reload()}>
            加载失败，点击重试
          </Text>
        ) : (
          <View className="card">
            <Skeleton rows={6} animated />
          </View>
        )}
      </View>
    )
  }

  const application = overview.application
  const reasons = [...overview.blockers, ...(accepted ? [] : ['请阅读并勾选承诺书'])]

  async function submit() {
    const year = overview!.year
    const { confirm } = await askToConfirm({ title: '确认申请', content: `确认要申请${year}年度年检吗`, confirmText: '确定', cancelText: '取消' })
    if (!confirm) return
    await askToNotify(['decision'])
    setSubmitting(true)
    setFormError('')
    try {
      const result = await call('submitInspection', { body: { year, commitmentAccepted: accepted } })
      void Taro.redirectTo({
        url: `${INSPECTION_PAGES.success}?text=${encodeURIComponent(result.successText)}&notice=${encodeURIComponent(result.notice)}&id=${result.application.id}`,
      })
    } catch (error) {
      setFormError(error instanceof ApiError ? error.message : '系统繁忙，请稍后再试')
      showError(error)
      void reload()
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <View className="apply page">
      <InspectionSteps current="年检申请" />
      {application && application.status !== 'draft' ? (
        <View className={`card apply__status apply__status--${application.status}`}>
          <View className="apply__status-row">
            <Text className="apply__status-title">
              {application.year}年度{application.kindLabel}
            </Text>
            <StatusTag state={application.status}>{application.statusLabel}</StatusTag>
          </View>
          {application.returnReason ? (
            <Text className="apply__return-reason">
              {sentBackReasonLabel(application.status)}：{application.returnReason}
            </Text>
          ) : null}
          {isSentBack(application.status) ? <Text className="muted">请根据{sentBackReasonLabel(application.status)}修改后再次申请。</Text> : null}
          <Text className="link apply__trail-link" onClick={() => void Taro.navigateTo({ url: `${INSPECTION_PAGES.detail}?id=${application.id}` })}>
            查看审批信息 ›
          </Text>
        </View>
      ) : null}

      <View className="card apply__info" onClick={() => void Taro.navigateTo({ url: INSPECTION_PAGES.info })}>
        <Text className="apply__info-title">完善信息</Text>
        <Text className={overview.infoComplete ? 'apply__info-state' : 'apply__info-state apply__info-state--todo'}>
          {overview.infoComplete ? '已完善 ›' : '未完善，请先填写 ›'}
        </Text>
      </View>

      <YearTable overview={overview} />

      <FeeActions status={overview.fee} amountFen={overview.feeAmountFen} rejectReason={overview.feeRejectReason} onChanged={() => void reload()} />

      {overview.blockers.length ? (
        <View className={`card apply__blockers tone-box tone--${blockerTone(application?.status)}`}>
          {blockerTone(application?.status) === 'danger' ? <Text className="apply__blockers-title">暂不能申请年检：</Text> : null}
          {overview.blockers.map((blocker) => (
            <Text key={blocker} className="tone-text apply__blocker">
              · {blocker}
            </Text>
          ))}
        </View>
      ) : null}

      {application?.status === 'pending' || application?.status === 'passed' ? null : (
        <>
          {overview.uploads.inspection ? (
            <>
              <Text className="section-title">上传材料</Text>
              <Materials purpose="inspection" materials={materials ?? overview.materials} editable onChange={setMaterials} />
            </>
          ) : null}

          <Text className="section-title">承诺书</Text>
          <View className="card apply__letter">
            <Text className="apply__letter-text">{COMMITMENT_LETTER}</Text>
            <Checkbox className="apply__accept" checked={accepted} onChange={setAccepted} label="我已阅读并同意以上承诺" />
          </View>

          {formError ? <Text className="error-text apply__form-error">{formError}</Text> : null}
          <Button id="inspection-apply" type="primary" block loading={submitting} disabled={reasons.length > 0 || submitting} onClick={() => void submit()}>
            {application && isSentBack(application.status) ? '再次申请' : '确认申请'}
          </Button>
          {reasons.length ? <Text className="muted apply__hint">{reasons[0]}</Text> : null}
          {overview.deferralBlockers.length === 0 ? (
            <Button
              id="inspection-defer"
              className="apply__defer"
              block
              fill="outline"
              onClick={() => void Taro.navigateTo({ url: INSPECTION_PAGES.deferral })}
            >
              暂缓年检申请
            </Button>
          ) : null}
        </>
      )}
    </View>
  )
}
