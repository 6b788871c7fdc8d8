import { describe, expect, it } from 'vitest'
import { feeBlocker } from '../../shared/fee'
import { hoursStanding, type HoursRecord } from '../../shared/hours'
import { applyBlockers, canSubmit, deferralBlockers, inspectionStatusLabel, parseInspectionId, statusAfter, trailNode } from '../../shared/inspection'

const record = (source: HoursRecord['source'], hours: number, year = 2026): HoursRecord => ({ year, source, hours })

describe('hours (seed 003: required 40, done 20 → 20 more)', () => {
  it('sums credited hours of the year and reports what is missing', () => {
    expect(hoursStanding([record('online', 20)], 2026)).toEqual({ required: 40, done: 20, missing: 20 })
    expect(hoursStanding([record('online', 32), record('output', 8)], 2026)).toEqual({ required: 40, done: 40, missing: 0 })
    expect(hoursStanding([record('online', 80)], 2026)).toEqual({ required: 40, done: 80, missing: 0 })
  })

  it('lets approved exemptions reduce the required hours, never below zero', () => {
    expect(hoursStanding([record('exemption', 16), record('online', 24)], 2026)).toEqual({ required: 24, done: 24, missing: 0 })
    expect(hoursStanding([record('exemption', 50)], 2026)).toEqual({ required: 0, done: 0, missing: 0 })
  })

  it('ignores other years', () => {
    expect(hoursStanding([record('online', 40, 2025), record('exemption', 40, 2025)], 2026)).toEqual({ required: 40, done: 0, missing: 40 })
  })
})

describe('fee status', () => {
  it('lets 免会费 and 已确认 apply; blocks 去支付 and 待确认 with their reasons', () => {
    expect(feeBlocker('免会费')).toBeNull()
    expect(feeBlocker('已确认')).toBeNull()
    expect(feeBlocker('去支付')).toBe('会费尚未缴纳，请先完成缴费')
    expect(feeBlocker('待确认')).toBe('会费缴纳情况待所属注协确认，确认后方可申请年检')
  })
})

describe('inspection state machine', () => {
  const met = { required: 40, done: 40, missing: 0 }

  it('blocks on short hours, fee and an application already under review or passed', () => {
    expect(applyBlockers({ hours: met, fee: '免会费', infoComplete: true })).toEqual([])
    expect(applyBlockers({ hours: met, fee: '已确认', infoComplete: true, status: 'returned' })).toEqual([])
    expect(applyBlockers({ hours: { required: 40, done: 20, missing: 20 }, fee: '待确认', infoComplete: false })).toEqual([
      '请先完善信息（带 * 的为必填项）',
      '累计已完成学时 20 未达到应完成学时 40，还需完成 20 学时',
      '会费缴纳情况待所属注协确认，确认后方可申请年检',
    ])
    expect(applyBlockers({ hours: met, fee: '免会费', infoComplete: true, status: 'pending' })).toEqual(['本年度申请正在审核中，请勿重复提交'])
    expect(applyBlockers({ hours: met, fee: '免会费', infoComplete: true, status: 'passed' })).toEqual(['本年度年检已通过'])
    expect(applyBlockers({ hours: { required: 40, done: 0, missing: 40 }, fee: '去支付', infoComplete: false, status: 'passed', kind: 'deferral' })).toEqual([
      '本年度暂缓年检申请已获同意',
    ])
  })

  it('lets a deferral go ahead regardless of hours and fee, but not twice', () => {
    expect(deferralBlockers(undefined)).toEqual([])
    expect(deferralBlockers('returned')).toEqual([])
    expect(deferralBlockers('pending')).toHaveLength(1)
  })

  it('submits from nothing, draft or returned only; decisions lead to passed or returned', () => {
    expect([undefined, 'draft', 'returned', 'pending', 'passed'].map((status) => canSubmit(status as never))).toEqual([true, true, true, false, false])
    expect(statusAfter('pass')).toBe('passed')
    expect(statusAfter('return')).toBe('returned')
  })

  it('words statuses and trail nodes as the CICPA system does', () => {
    expect(inspectionStatusLabel('inspection', 'passed')).toBe('年检通过')
    expect(inspectionStatusLabel('inspection', 'returned')).toBe('地方注协退回')
    expect(trailNode('deferral', 'return')).toBe('地方注协非执业会员审核暂缓退回')
    expect(trailNode('inspection', 'submit')).toBe('非执业会员提交年检申请')
  })

  it('parses only well-formed application ids', () => {
    expect(parseInspectionId('330000260001-2026')).toEqual({ memberNo: '330000260001', year: 2026 })
    expect(parseInspectionId('../330000260001-2026')).toBeNull()
  })
})
