import { Text, View } from '@tarojs/components'
import { Cell } from '@nutui/nutui-react-taro'
import type { InspectionDetail } from '@shared/api/inspection-schemas'
import type { TrailEntry } from '@shared/api/schemas'
import { sentBackReasonLabel } from '@shared/inspection'
import { openAttachment } from '../lib/open-file'
import { StatusTag } from './StatusTag'
import './InspectionInfo.scss'
import { formatChinaTime } from '@shared/china-time'

function Row(props: { label: string; value: string }) {
  return (
    <Cell
      title={props.label}
      extra={
        <Text className="inspection-info__value" data-testid={`inspection-info:${props.label}`}>
          {props.value}
        </Text>
      }
    />
  )
}

/** 基本信息, 年检信息, 培训学时 and the attached files of one application, as member and staff see it. */
export function InspectionInfo({ detail }: { detail: InspectionDetail }) {
  const { member } = detail
  return (
    <View className="inspection-info">
      <Text className="section-title">年检信息</Text>
      <Cell.Group>
        <Row label="年检年度" value={`${detail.year}`} />
        <Row label="申请类型" value={detail.kindLabel} />
        <Cell
          title="审核状态"
          extra={
            <StatusTag state={detail.status} className="inspection-info__status">
              {detail.statusLabel}
            </StatusTag>
          }
        />
        <Row label="提交时间" value={formatChinaTime(detail.submittedAt)} />
        {detail.returnReason ? <Row label={sentBackReasonLabel(detail.status)} value={detail.returnReason} /> : null}
        {detail.deferralReason ? <Row label="暂缓原因" value={detail.deferralReason} /> : null}
      </Cell.Group>

      <Text className="section-title">基本信息</Text>
      <Cell.Group>
        <Row label="姓名" value={member.name} />
        <Row label="民族" value={member.ethnicity ?? '未填写'} />
        <Row label="性别" value={member.gender} />
        <Row label="出生日期" value={member.birthDate ?? '未填写'} />
        <Row label="证件类型" value={member.idType} />
        <Row label="有效证件号码" value={member.idNumberMasked} />
        <Row label="政治面貌" value={member.politicalStatus ?? '未填写'} />
        <Row label="所在地区" value={member.region ?? '未填写'} />
        <Row label="户口所在地" value={member.household ?? '未填写'} />
        <Row label="会员编号" value={member.memberNo} />
        <Row label="手机号码" value={member.phoneMasked ?? '未填写'} />
        <Row label="工作单位" value={member.workUnit ?? '未填写'} />
        <Row label="所属注协" value={member.association.name} />
      </Cell.Group>

      <Text className="section-title">培训学时与缴费</Text>
      <Cell.Group>
        <Row label="累计应完成学时" value={detail.hours.required.toFixed(2)} />
        <Row label="累计已完成学时" value={detail.hours.done.toFixed(2)} />
        <Row label="缴费情况" value={detail.fee} />
      </Cell.Group>

      {detail.files.length ? (
        <>
          <Text className="section-title">申请材料</Text>
          <Cell.Group>
            {detail.files.map((file) => (
              <Cell
                key={file.fileId}
                className="inspection-info__file"
                title={file.name}
                extra={<Text className="link">{Math.max(1, Math.round(file.size / 1024))} KB · 查看</Text>}
                clickable
                onClick={() => void openAttachment(file.url, file.name)}
              />
            ))}
          </Cell.Group>
        </>
      ) : null}
    </View>
  )
}

/** 查看审批信息: every node in order, each with 办理单位, opinion and time. */
export function TrailList({ trail }: { trail: TrailEntry[] }) {
  return (
    <View className="trail">
      {trail.map((entry, index) => (
        <View key={`${entry.at}-${index}`} className="trail__entry card">
          <View className="trail__row">
            <Text className="trail__label">节点</Text>
            <Text className="trail__node">{entry.node}</Text>
          </View>
          <View className="trail__row">
            <Text className="trail__label">办理单位</Text>
            <Text>{entry.unit}</Text>
          </View>
          <View className="trail__row">
            <Text className="trail__label">意见</Text>
            <Text>{entry.opinion}</Text>
          </View>
          <View className="trail__row">
            <Text className="trail__label">时间</Text>
            <Text className="muted">{formatChinaTime(entry.at)}</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
