import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Tag, TextArea } from '@nutui/nutui-react-taro'
import type { Decision } from '@shared/admission'
import { DecisionRequest } from '@shared/api/admission-schemas'
import { associationName } from '@shared/associations'
import { formatChinaTime } from '@shared/china-time'
import { firstFieldError } from '@shared/validation'
import { Button } from '../../../components/Button'
import { ApiError, call, showError } from '../../../api/client'
import { RecordPending } from '../../../components/RecordPending'
import { TOAST_MS } from '../../../lib/toast'
import { useRecord } from '../../../lib/use-record'
import { validate } from '../../../lib/validate'
import type { DetailProps } from '../lib/detail-page'
import { askToConfirm } from '../../../lib/dialog'
import './index.scss'

const ACTION_TITLES: Record<Decision, { local: string; cicpa: string }> = {
  approve: { local: '审核通过', cicpa: '确认通过' },
  return: { local: '退回申请', cicpa: '退回申请' },
  reject: { local: '不予通过', cicpa: '不予通过' },
}
const CONSEQUENCES: Record<Decision, { local: string; cicpa: string }> = {
  approve: { local: '通过后提交中注协确认。', cicpa: '确认后将生成会员编号和初始密码，申请人可在进度查询中看到。' },
  return: { local: '申请人修改后以原业务编号重新提交。', cicpa: '申请人修改后以原业务编号重新提交。' },
  reject: { local: '不予通过为最终结果。', cicpa: '不予通过为最终结果。' },
}

function Row(props: { label: string; value: string | null | undefined; className?: string }) {
  return (
    <View className={`review__row ${props.className ?? ''}`}>
      <Text className="review__label">{props.label}</Text>
      <Text className="review__value">{props.value || '—'}</Text>
    </View>
  )
}

/** Everything the applicant filed, the photo and the trail; approve, return with a reason, or reject. */
export function AdmissionReview({ id: businessNo, onDecided }: DetailProps) {
  const { record: detail, setRecord: setDetail, error: loadError, reload: load } = useRecord('admissionReview', businessNo, true)
  const [opinion, setOpinion] = useState('')
  const [opinionError, setOpinionError] = useState('')
  const [busy, setBusy] = useState<Decision | null>(null)

  async function decide(action: Decision) {
    if (!detail) return
    const { data, errors } = validate(DecisionRequest, { action, opinion, version: detail.version })
    if (!data) {
      setOpinionError(errors.opinion ?? firstFieldError(errors))
      return
    }
    const level = detail.level ?? 'local'
    const { confirm } = await askToConfirm({
      title: ACTION_TITLES[action][level],
      content: CONSEQUENCES[action][level],
      confirmText: '确定',
      cancelText: '取消',
    })
    if (!confirm) return
    setBusy(action)
    try {
      const result = await call('admissionDecide', { params: { businessNo }, body: data })
      setOpinion('')
      const title = result.memberNo ? `已确认，会员编号 ${result.memberNo}` : `已处理：${result.stageLabel}`
      void Taro.showToast({ title, icon: 'none', duration: TOAST_MS.result })
      setDetail(result)
      onDecided?.()
    } catch (error) {
      showError(error)
      // Someone else decided first: show what it is now.
      if (error instanceof ApiError && error.code === 'CONFLICT') void load()
    } finally {
      setBusy(null)
    }
  }

  if (!detail) return <RecordPending className="review" error={loadError} />

  const { form } = detail
  const level = detail.level ?? 'local'
  return (
    <View className="review">
      <View className="card review__head">
        <View className="review__title-row">
          <Text className="review__name">{form.name}</Text>
          <Tag type={detail.canDecide ? 'primary' : 'default'}>{detail.stageLabel}</Tag>
        </View>
        <Text className="muted">
          业务编号 {detail.businessNo} · 提交于 {formatChinaTime(detail.submittedAt)}
        </Text>
        <Text className="muted review__association">{detail.association.name}</Text>
      </View>

      <Text className="section-title">照片</Text>
      <View className="card review__photo-card">
        {detail.photoUrl ? (
          <Image
            className="review__photo"
            src={detail.photoUrl}
            mode="aspectFit"
            nativeProps={{ alt: '申请人照片' }}
            onClick={() => void Taro.previewImage({ urls: [detail.photoUrl!] })}
          />
        ) : (
          <Text className="muted">未上传照片</Text>
        )}
      </View>

      <Text className="section-title">基本信息</Text>
      <View className="card">
        <Row label="姓名" value={form.name} />
        <Row label="性别" value={form.gender} />
        <Row label="民族" value={form.ethnicity} />
        <Row label="出生日期" value={form.birthDate} />
        <Row label="政治面貌" value={form.politicalStatus} />
        <Row label="学历" value={form.education} />
        <Row label="证件类型" value={form.idType} />
        <Row label="证件号码" value={form.idNumber} className="review__id-number" />
      </View>

      <Text className="section-title">联系与工作</Text>
      <View className="card">
        <Row label="所在地区" value={form.region} />
        <Row label="户口所在地" value={form.household} />
        <Row label="手机号码" value={form.phone} />
        <Row label="电子邮箱" value={form.email} />
        <Row label="工作单位" value={form.workUnit} />
      </View>

      <Text className="section-title">资格信息</Text>
      <View className="card">
        <Row label="全科合格证号" value={form.certificateNo} />
        <Row label="取得日期" value={form.certificateDate} />
        <Row label="曾为执业注师" value={form.formerPractising ? `是，${form.deregisteredOn ?? ''} 停止执业` : '否'} />
        <Row label="申请加入" value={associationName(form.associationCode)} />
      </View>

      <Text className="section-title">审批信息</Text>
      <View className="card">
        {detail.trail.map((entry) => (
          <View key={`${entry.at}${entry.node}`} className="review__trail">
            <Text className="review__trail-node">{entry.node}</Text>
            <Text className="muted">
              {entry.unit} · {formatChinaTime(entry.at)}
            </Text>
            <Text>{entry.opinion}</Text>
          </View>
        ))}
      </View>

      {detail.canDecide ? (
        <View className="card review__actions">
          <Text className="review__actions-title">{detail.decisionLabel}</Text>
          <TextArea
            className="review__opinion"
            value={opinion}
            onChange={(value) => {
              setOpinion(value)
              setOpinionError('')
            }}
            placeholder="审核意见：退回或不予通过时必填，将通知申请人"
            maxLength={500}
            showCount
          />
          {opinionError ? <Text className="error-text review__opinion-error">{opinionError}</Text> : null}
          <Button id="decision-approve" type="primary" block loading={busy === 'approve'} disabled={busy !== null} onClick={() => void decide('approve')}>
            {ACTION_TITLES.approve[level]}
          </Button>
          <View className="review__secondary">
            <Button id="decision-return" block loading={busy === 'return'} disabled={busy !== null} onClick={() => void decide('return')}>
              退回
            </Button>
            <Button
              id="decision-reject"
              type="danger"
              fill="outline"
              block
              loading={busy === 'reject'}
              disabled={busy !== null}
              onClick={() => void decide('reject')}
            >
              不予通过
            </Button>
          </View>
        </View>
      ) : (
        <Text className="muted review__no-action">{`当前状态“${detail.stageLabel}”，不由本级处理`}</Text>
      )}
    </View>
  )
}
