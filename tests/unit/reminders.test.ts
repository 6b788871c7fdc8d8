import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { subscriptionData, wechatText } from '../../functions/adapters/wechat'
import { ROOT } from '../../scripts/local-settings'
import { SCHEDULED_FUNCTIONS } from '../../shared/api/route-def'
import { addDays, daysBetween, reminderDay, reminderNote, reminderReasons } from '../../shared/reminders'

const standing = { applied: false, notDue: false, hoursMissing: 0, feeStatus: '免会费' } as const

describe('reminder days', () => {
  const window = { opensOn: '2031-01-01', closesOn: '2031-03-31' }

  it('are 14, 7 and 1 days before the closing day, counted in calendar days, month and leap day included', () => {
    const days = Array.from({ length: 20 }, (_, index) => addDays('2031-03-12', index))
    expect(days.filter((day) => reminderDay(window, day) !== null)).toEqual(['2031-03-17', '2031-03-24', '2031-03-30'])
    expect(daysBetween('2032-02-28', '2032-03-01')).toBe(2)
    expect(addDays('2032-03-01', -1)).toBe('2032-02-29')
  })

  it('are none while the window is not open yet or has closed', () => {
    expect(reminderDay({ opensOn: '2031-03-20', closesOn: '2031-03-31' }, '2031-03-17')).toBeNull()
    expect(reminderDay(window, '2031-03-31')).toBeNull()
    expect(reminderDay(window, '2031-04-01')).toBeNull()
  })
})

describe('reasons', () => {
  it('name the deadline first, then short hours and an unpaid fee; nothing for a member who applied or is not due', () => {
    expect(reminderReasons(standing)).toEqual(['window'])
    expect(reminderReasons({ ...standing, hoursMissing: 2.5, feeStatus: '去支付' })).toEqual(['window', 'hours', 'fee'])
    expect(reminderReasons({ ...standing, feeStatus: '待确认' })).toEqual(['window'])
    expect(reminderReasons({ ...standing, applied: true, feeStatus: '去支付' })).toEqual([])
    expect(reminderReasons({ ...standing, notDue: true, hoursMissing: 40 })).toEqual([])
  })

  it('fit a subscription message: 待办事项, the deadline as 年月日 and a note within 20 characters', () => {
    const message = {
      template: 'reminder' as const,
      subject: '2030年度年检申请',
      deadline: '2031-03-09',
      note: reminderNote(['window', 'hours', 'fee'], 12.5),
      page: 'subpackages/inspection/message/index?id=x',
    }
    expect(subscriptionData(message)).toEqual({
      page: message.page,
      data: { thing1: '2030年度年检申请', date2: '2031年3月9日', thing3: '学时差12.50学时，会费未缴' },
    })
    expect(wechatText(message)).toBe(
      '【待办事项提醒】待办事项：2030年度年检申请；截止日期：2031年3月9日；温馨提示：学时差12.50学时，会费未缴（打开 subpackages/inspection/message/index?id=x）',
    )
    expect(reminderNote(['window'], 0)).toBe('请尽快提交年检申请')
  })
})

describe('the packaged template', () => {
  const templateFile = `${ROOT}/.serverless/cloudformation-template-update-stack.json`

  it('starts the reminders function every day at 08:00 China time through an EventBridge rule, and lets EventBridge invoke it', () => {
    if (!existsSync(templateFile)) throw new Error('no CloudFormation template: run `npm run package` first')
    const resources: Record<string, { Type: string; Properties: Record<string, any> }> = JSON.parse(readFileSync(templateFile, 'utf8')).Resources
    expect(SCHEDULED_FUNCTIONS).toEqual(['reminders'])
    const rules = Object.values(resources).filter((resource) => resource.Type === 'AWS::Events::Rule')
    expect(rules).toHaveLength(1)
    // EventBridge cron is UTC; China time has no daylight saving, so 00:00 UTC is always 08:00 there.
    expect(rules[0]!.Properties).toMatchObject({ ScheduleExpression: 'cron(0 0 * * ? *)', State: 'ENABLED' })
    expect(rules[0]!.Properties.Targets).toEqual([expect.objectContaining({ Arn: { 'Fn::GetAtt': ['RemindersLambdaFunction', 'Arn'] } })])
    const permissions = Object.values(resources).filter(
      (resource) => resource.Type === 'AWS::Lambda::Permission' && resource.Properties.Principal === 'events.amazonaws.com',
    )
    expect(permissions.map((permission) => permission.Properties.FunctionName)).toEqual([{ 'Fn::GetAtt': ['RemindersLambdaFunction', 'Arn'] }])
    expect(resources.RemindersLambdaFunction!.Properties.Timeout).toBe(900)
    expect(resources.RemindersLambdaFunction!.Properties.Environment.Variables.WECHAT_REMINDER_TEMPLATE_ID).toMatch(/^\{\{resolve:ssm:/)
  })
})
