import { Text, View } from '@tarojs/components'
import { Cell } from '@nutui/nutui-react-taro'
import type { ClaimDetail, HoursClaim } from '@shared/api/education-schemas'
import { openAttachment } from '../lib/open-file'
import { fileSizeText } from '../lib/upload'
import { TrailList } from './InspectionInfo'
import { StatusTag } from './StatusTag'
import './HoursClaimInfo.scss'
import { formatChinaTime } from '@shared/china-time'

export const CLAIM_KIND_LABELS: Record<HoursClaim['kind'], string> = { output: '产出式学时', exemption: '减免学时' }

function Row(props: { label: string; value: string; className?: string }) {
  return <Cell className={props.className} title={props.label} extra={<Text className="claim-info__value">{props.value}</Text>} />
}

/** One 产出式学时 or 减免学时 claim as its member and the reviewing staff see it: fields, hours, proofs, trail. */
export function HoursClaimInfo({ detail }: { detail: ClaimDetail }) {
  const { claim } = detail
  const [requestedWord, hoursWord] = claim.kind === 'output' ? ['申报学时', '认可学时'] : ['申请减免', '减免学时']
  return (
    <View className="claim-info">
      <View className="card claim-info__head">
        <View className="claim-info__title-row">
          <Text className="claim-info__title">{claim.title}</Text>
          <StatusTag state={claim.status} className="claim-info__status">
            {claim.statusLabel}
          </StatusTag>
        </View>
        <Text className="muted">
          {CLAIM_KIND_LABELS[claim.kind]} · {claim.year}年度 · {claim.summary}
        </Text>
        <View className="claim-info__hours">
          <View className="claim-info__hours-item">
            <Text className="claim-info__hours-number">{claim.requestedHours}</Text>
            <Text className="muted">{requestedWord}</Text>
          </View>
          <View className="claim-info__hours-item">
            <Text className="claim-info__hours-number claim-info__hours-number--credited">{claim.creditedHours ?? '—'}</Text>
            <Text className="muted">{hoursWord}</Text>
          </View>
        </View>
        {claim.capNote ? <Text className="claim-info__cap">{claim.capNote}</Text> : null}
        {claim.returnReason ? <Text className="claim-info__returned">退回原因：{claim.returnReason}</Text> : null}
      </View>

      <Text className="section-title">申报内容</Text>
      <Cell.Group>
        {claim.output ? (
          <>
            <Row label="产出类别" value={claim.output.categoryName} />
            <Row label="认定标准" value={claim.output.rule} />
            <Row label="数量" value={String(claim.output.quantity)} />
            <Row label="取得日期" value={claim.output.activityDate} />
          </>
        ) : null}
        {claim.exemption ? (
          <>
            <Row label="减免原因" value={claim.exemption.reasonLabel} />
            <Row label="减免期间" value={`${claim.exemption.periodFrom} 至 ${claim.exemption.periodTo}`} className="claim-info__period" />
          </>
        ) : null}
        {claim.description ? <Cell title="情况说明" description={claim.description} /> : null}
        <Row label="提交时间" value={formatChinaTime(claim.submittedAt)} />
        {claim.decidedAt ? <Row label="审核时间" value={formatChinaTime(claim.decidedAt)} /> : null}
      </Cell.Group>

      <Text className="section-title">证明材料</Text>
      <Cell.Group>
        {detail.proofs.map((proof) => (
          <Cell
            key={proof.url}
            className="claim-info__proof"
            title={proof.fileName}
            extra={<Text className="link">{fileSizeText(proof.size)} · 查看</Text>}
            clickable
            onClick={() => void openAttachment(proof.url, proof.fileName)}
          />
        ))}
      </Cell.Group>

      {detail.trail.length ? (
        <>
          <Text className="section-title">审批信息</Text>
          <TrailList trail={detail.trail} />
        </>
      ) : null}
    </View>
  )
}
