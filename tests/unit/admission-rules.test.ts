import { describe, expect, it } from 'vitest'
import {
  ADMISSION_STAGE_LABELS,
  birthDateOfId,
  eligibilityProblems,
  ETHNICITIES,
  formatMemberNo,
  genderOfId,
  idCheckChar,
  identityProblems,
  mainlandIdProblem,
  memberNoPrefix,
  POLITICAL_STATUSES,
} from '../../shared/admission'
import { ADMISSION_ASSOCIATION_CODES, ApplicationForm } from '../../shared/api/admission-schemas'
import { fieldErrors } from '../../shared/validation'

describe('GB 11643 ID numbers', () => {
  it('computes the check character, including X', () => {
    // The standard's own example.
    expect(idCheckChar('11010519491231002')).toBe('X')
    expect(mainlandIdProblem('11010519491231002X')).toBeNull()
    expect(mainlandIdProblem('11010519491231002x')).toBeNull()
    expect(mainlandIdProblem('110105194912310021')).toBe('居民身份证号码校验位不正确，请核对')
  })

  it('refuses wrong lengths and impossible birth dates', () => {
    expect(mainlandIdProblem('1101051949123100')).toBe('居民身份证号码应为18位（最后一位可为X）')
    const feb30 = '11010519900230001'
    expect(mainlandIdProblem(feb30 + idCheckChar(feb30))).toBe('居民身份证号码中的出生日期无效')
  })

  it('reads birth date and gender', () => {
    expect(birthDateOfId('11010519491231002X')).toBe('1949-12-31')
    expect(genderOfId('11010519491231002X')).toBe('女')
    const man = '33010619900101231'
    expect(genderOfId(man + idCheckChar(man))).toBe('男')
  })

  it('checks agreement with the typed birth date and gender, only for mainland IDs', () => {
    const id = '11010519491231002X'
    expect(identityProblems({ idType: '居民身份证', idNumber: id, birthDate: '1949-12-31', gender: '女' })).toEqual({})
    expect(identityProblems({ idType: '居民身份证', idNumber: id, birthDate: '1950-01-01', gender: '男' })).toEqual({
      birthDate: '出生日期与身份证号码不一致',
      gender: '性别与身份证号码不一致',
    })
    expect(identityProblems({ idType: '护照', idNumber: 'E1234567', birthDate: '1990-01-01', gender: '男' })).toEqual({})
  })
})

describe('5-year eligibility (seed 001)', () => {
  const today = '2026-11-27'

  it('accepts a certificate of exactly five years and refuses an older one, saying why', () => {
    expect(eligibilityProblems({ certificateDate: '2021-11-27', formerPractising: false }, today)).toEqual({})
    expect(eligibilityProblems({ certificateDate: '2021-11-26', formerPractising: false }, today)).toEqual({
      certificateDate: '成为非执业会员须取得全科合格证不超过5年（须在2021-11-27之后取得）',
    })
    expect(eligibilityProblems({ certificateDate: '2026-11-28', formerPractising: false }, today).certificateDate).toBe('全科合格证取得日期不能晚于今天')
  })

  it('judges a former practising CPA by the deregistration date instead', () => {
    expect(eligibilityProblems({ certificateDate: '2010-01-01', formerPractising: true, deregisteredOn: '2023-03-01' }, today)).toEqual({})
    expect(eligibilityProblems({ certificateDate: '2010-01-01', formerPractising: true, deregisteredOn: '2020-03-01' }, today).deregisteredOn).toMatch(
      /停止执业或被撤销、注销注册不超过5年/,
    )
    expect(eligibilityProblems({ certificateDate: '2010-01-01', formerPractising: true }, today).deregisteredOn).toBe('请填写停止执业（注销注册）日期')
  })
})

describe('lists and numbers', () => {
  it('has the 56 ethnic groups, the political statuses, and 32 local associations plus CICPA', () => {
    expect(ETHNICITIES.filter((name) => name !== '其他')).toHaveLength(56)
    expect(POLITICAL_STATUSES).toContain('群众')
    expect(ADMISSION_ASSOCIATION_CODES).toHaveLength(33)
    expect(ADMISSION_ASSOCIATION_CODES).toContain('CICPA')
  })

  it('names the stages as the manual does', () => {
    expect(ADMISSION_STAGE_LABELS.local_pending).toBe('地方注协待审核')
    expect(ADMISSION_STAGE_LABELS.cicpa_pending).toBe('地方注协审核通过待中注协确认')
    expect(ADMISSION_STAGE_LABELS.approved).toBe('中注协审核通过')
  })

  it('builds member numbers like the existing ones', () => {
    expect(formatMemberNo(memberNoPrefix('ZJ', new Date('2026-11-27T00:00:00Z')), 1)).toBe('330000260001')
    expect(memberNoPrefix('CICPA', new Date('2027-01-02T00:00:00Z'))).toBe('10000027')
  })
})

describe('the form schema', () => {
  it('reports the cross-field problems under the field they concern', () => {
    const result = ApplicationForm.safeParse({
      name: '孙悦',
      gender: '男',
      ethnicity: '汉族',
      birthDate: '1949-12-30',
      idType: '居民身份证',
      idNumber: '11010519491231002x',
      politicalStatus: '群众',
      region: '北京市',
      household: '北京市',
      phone: '13700001111',
      email: '',
      education: '大学本科',
      workUnit: '某单位',
      certificateNo: 'QK1',
      certificateDate: '2000-01-01',
      formerPractising: false,
      associationCode: 'BJ',
      photoKey: 'k',
    })
    expect(result.success).toBe(false)
    const errors = fieldErrors(ApplicationForm, result.error!)
    expect(errors).toMatchObject({ birthDate: '出生日期与身份证号码不一致', gender: '性别与身份证号码不一致' })
  })
})
