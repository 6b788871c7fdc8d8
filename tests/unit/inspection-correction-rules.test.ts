import { describe, expect, it } from 'vitest'
import { CorrectionRequest } from '../../shared/api/inspection-schemas'
import {
  applyBlockers,
  canSubmit,
  correctionNode,
  correctionsFor,
  HOME_BADGES,
  inspectionStatusLabel,
  isSentBack,
  sentBackReasonLabel,
  statusAfterCorrection,
} from '../../shared/inspection'
import { fieldErrors } from '../../shared/validation'

describe('更正 rules', () => {
  it('offers revoke and reopen on a pass, reopen on a returned or revoked item, nothing while undecided', () => {
    expect(correctionsFor('passed')).toEqual(['revoke', 'reopen'])
    expect(correctionsFor('returned')).toEqual(['reopen'])
    expect(correctionsFor('revoked')).toEqual(['reopen'])
    expect(correctionsFor('pending')).toEqual([])
    expect(correctionsFor('draft')).toEqual([])
    expect(statusAfterCorrection('revoke')).toBe('revoked')
    expect(statusAfterCorrection('reopen')).toBe('pending')
  })

  it('lets the member act on a revoked item as on a returned one, with its own words', () => {
    expect(canSubmit('revoked')).toBe(true)
    expect(isSentBack('revoked')).toBe(true)
    expect(isSentBack('passed')).toBe(false)
    expect(sentBackReasonLabel('revoked')).toBe('撤销原因')
    expect(sentBackReasonLabel('returned')).toBe('退回原因')
    expect(HOME_BADGES.revoked).toBe('已撤销')
    expect(inspectionStatusLabel('inspection', 'revoked')).toBe('年检通过已撤销')
    expect(inspectionStatusLabel('deferral', 'revoked')).toBe('同意暂缓已撤销')
    expect(applyBlockers({ hours: { required: 40, done: 40, missing: 0 }, fee: '免会费', infoComplete: true, status: 'revoked' })).toEqual([])
  })

  it('names the level that corrected in the trail', () => {
    expect(correctionNode('inspection', 'revoke', '地方注协')).toBe('地方注协更正：撤销年检通过')
    expect(correctionNode('deferral', 'revoke', '中注协')).toBe('中注协更正：撤销同意暂缓')
    expect(correctionNode('deferral', 'reopen', '地方注协')).toBe('地方注协更正：暂缓年检申请重新审核')
  })

  it('requires a reason, in Chinese, naming the field', () => {
    const parsed = CorrectionRequest.safeParse({ correction: 'revoke', reason: ' ', version: 1 })
    expect(parsed.success).toBe(false)
    expect(fieldErrors(CorrectionRequest, parsed.error!)).toEqual({ reason: '请填写更正原因' })
    expect(CorrectionRequest.safeParse({ correction: 'reopen', reason: '误操作', version: 0 }).success).toBe(true)
  })
})
