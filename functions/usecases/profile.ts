import { associationName } from '../../shared/associations'
import type { PersonalFacts, ProfileResponse } from '../../shared/api/schemas'
import { maskEmail, maskIdNumber, maskPhone } from '../../shared/mask'
import type { Caller } from '../auth/tokens'
import type { AccountStore, MemberRecord } from '../ports/accounts'
import { AppError } from './errors'

const MEMBER_STATUS_LABELS = { active: '正常', suspended: '暂停', revoked: '已撤销' } as const

export function personalFactsOf(member: MemberRecord): PersonalFacts {
  return {
    ethnicity: member.ethnicity ?? null,
    birthDate: member.birthDate ?? null,
    politicalStatus: member.politicalStatus ?? null,
    region: member.region ?? null,
    household: member.household ?? null,
  }
}

/** 我的: a member sees their own record (sensitive parts masked); staff see who they act as. */
export interface ProfileDeps {
  accounts: AccountStore
}

export async function myProfile({ accounts }: ProfileDeps, caller: Caller): Promise<ProfileResponse> {
  const association = { code: caller.associationCode, name: associationName(caller.associationCode) }
  if (caller.role !== 'member') {
    const account = await accounts.get(caller.accountId)
    if (!account) throw new AppError('UNAUTHENTICATED', '登录已失效，请重新登录')
    return { kind: 'staff', role: caller.role, username: account.username, name: account.displayName, association }
  }
  const member = await accounts.getMember(caller.username)
  if (!member) throw new AppError('NOT_FOUND', '会员信息不存在，请联系所属注协')
  return {
    kind: 'member',
    userType: member.userType,
    memberNo: member.memberNo,
    name: member.name,
    gender: member.gender,
    association: { code: member.associationCode, name: associationName(member.associationCode) },
    idType: member.idType,
    idNumberMasked: maskIdNumber(member.idNumber),
    ...personalFactsOf(member),
    phoneMasked: member.phone ? maskPhone(member.phone) : null,
    emailMasked: member.email ? maskEmail(member.email) : null,
    workUnit: member.workUnit ?? null,
    joinDate: member.joinDate,
    status: MEMBER_STATUS_LABELS[member.status],
  }
}
