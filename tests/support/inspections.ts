import { PutCommand } from '../../functions/adapters/dynamo-client'
import { clock } from '../../functions/adapters/clock'
import { dynamo, keys } from '../../functions/adapters/dynamo'
import { config } from '../../functions/config'
import type { MemberRecord } from '../../functions/ports/accounts'
import type { InspectionKind, InspectionStatus } from '../../shared/inspection'

/**
 * A member's inspection of one year as the annual-inspection flow leaves it once decided (or as a
 * draft never submitted), written straight to the table so a test can start from any year's history.
 */
export async function putInspection(
  member: Pick<MemberRecord, 'memberNo' | 'associationCode' | 'name'>,
  year: number,
  status: Extract<InspectionStatus, 'draft' | 'passed' | 'returned'>,
  kind: InspectionKind = 'inspection',
) {
  const at = clock.now().toISOString()
  await dynamo().send(
    new PutCommand({
      TableName: config.tableName,
      Item: {
        ...keys.inspection(member.memberNo, year),
        entity: 'inspection',
        id: `${member.memberNo}-${year}`,
        memberNo: member.memberNo,
        year,
        kind,
        status,
        version: 3,
        associationCode: member.associationCode,
        memberName: member.name,
        ...(status === 'draft' ? {} : { submittedAt: at, decidedAt: at }),
        ...(status === 'returned' ? { returnReason: '请补充学时证明材料' } : {}),
        ...(kind === 'deferral' ? { deferralReason: '出国工作' } : {}),
        files: [],
        deferralFiles: [],
      },
    }),
  )
  return `${member.memberNo}-${year}`
}

/** The `t=` of a verification URL (the H5 hash route keeps it after `#/…?`). */
export function tokenOf(url: string): string {
  return new URL(url.replace('/#/', '/')).searchParams.get('t')!
}
