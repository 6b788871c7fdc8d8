import { describe, expect, it } from 'vitest'
import { trailNode } from '../../shared/inspection'
import { browserStack, signIn } from '../support/browser'
import { aLocalStaff, aMember } from '../support/builders'
import { inspectionYear } from '../support/calendar'

const env = browserStack()

/** 浙江 members with nothing blocking 年检, each of whom has applied (in this order: oldest first in the list). */
async function applicants(names: string[]) {
  const applied = []
  for (const name of names) {
    const member = await aMember(env.stack.api, { hours: 40, fee: '免会费', info: true, record: { name } })
    await member.ok('submitInspection', { body: { year: inspectionYear(), commitmentAccepted: true } })
    applied.push(member)
  }
  return applied
}

describe('the staff workbench at a desk', () => {
  it('at 1280×800: 年检申请 as a table, the item beside it; passing it opens the next row', async () => {
    const [qian, sun, li] = await applicants(['钱一鸣', '孙二鸣', '李三鸣'])
    const staff = await aLocalStaff(env.stack.api, 'ZJ')
    const desk = await signIn(env.browser, env.stack, staff.account, { desk: true })
    const { page } = desk
    await page.locator('.inbox__category--inspection').click()

    const table = page.getByRole('table', { name: '待审批年检申请' })
    const row = (name: string) => table.getByRole('row').filter({ hasText: name })
    await row(li!.member.name).waitFor()
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['', '姓名', '编号', '年度', '状态', '提交时间'])
    expect(await row(qian!.member.name).getByRole('cell').allTextContents()).toEqual(
      expect.arrayContaining([qian!.member.memberNo, String(inspectionYear()), '首次提交']),
    )
    // Ticks are for 批量通过: they count, and do not open the row.
    await row(li!.member.name).getByRole('checkbox').click()
    await page.getByText('已选 1 项').waitFor()
    const detail = page.getByRole('region', { name: '事项详情' })
    await detail.getByText('选择左侧表格中的一项查看详情').waitFor()
    await desk.screenshot('workbench-desk-01-table')

    await row(qian!.member.name).click()
    await detail.getByText('累计已完成学时').waitFor()
    await detail.getByText(qian!.member.memberNo).waitFor()
    expect(await row(qian!.member.name).getAttribute('aria-selected')).toBe('true')
    await desk.screenshot('workbench-desk-02-selected')

    await detail.locator('#decision-pass').click()
    await page.locator('.taro-modal__content', { hasText: `确定通过${qian!.member.name}` }).waitFor()
    await page.locator('.taro-modal__foot').getByText('确定', { exact: true }).click()
    await row(qian!.member.name).waitFor({ state: 'detached' })
    await expect.poll(() => row(sun!.member.name).getAttribute('aria-selected')).toBe('true')
    await detail.getByText(sun!.member.memberNo).waitFor()
    await desk.screenshot('workbench-desk-03-next')

    const passed = await staff.ok('inspectionDetail', { params: { id: `${qian!.member.memberNo}-${inspectionYear()}` } })
    expect(passed.status).toBe('passed')
    await page.close()
  })

  it('at 1280×800: 已办 as a table, the decided item with its trail beside it', async () => {
    const [zhao] = await applicants(['赵五鸣'])
    const staff = await aLocalStaff(env.stack.api, 'ZJ')
    const params = { id: `${zhao!.member.memberNo}-${inspectionYear()}` }
    const { version } = await staff.ok('inspectionDetail', { params })
    await staff.ok('decideInspection', { params, body: { decision: 'pass', opinion: '材料齐全，同意。', version } })

    const desk = await signIn(env.browser, env.stack, staff.account, { desk: true })
    const { page } = desk
    await page.locator('.inbox__handled').click()
    const table = page.getByRole('table', { name: '已办事项' })
    const row = table.getByRole('row').filter({ hasText: zhao!.member.name })
    await row.waitFor()
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['姓名', '编号', '事项', '年度', '处理结果', '经办', '处理时间'])
    expect(await row.getByRole('cell').allTextContents()).toEqual(
      expect.arrayContaining([zhao!.member.memberNo, '年检申请', String(inspectionYear()), '通过', staff.account.displayName]),
    )
    await page.getByRole('radiogroup', { name: '处理结果' }).waitFor()

    await row.click()
    const detail = page.getByRole('region', { name: '事项详情' })
    await detail.locator('.trail__node', { hasText: trailNode('inspection', 'pass') }).waitFor()
    await detail.getByText('材料齐全，同意。').scrollIntoViewIfNeeded()
    expect(await row.getAttribute('aria-selected')).toBe('true')
    await desk.screenshot('workbench-desk-05-handled')
    await page.close()
  })

  it('at 375×812 the same list stays the phone list', async () => {
    const [zhou] = await applicants(['周四鸣'])
    const phone = await signIn(env.browser, env.stack, (await aLocalStaff(env.stack.api, 'ZJ')).account)
    const { page } = phone
    await page.locator('.inbox__category--inspection').tap()
    await page.locator('.staff-list__item', { hasText: zhou!.member.name }).waitFor()
    expect(await page.getByRole('table').count()).toBe(0)
    await phone.screenshot('workbench-desk-04-phone-list')
    await page.close()
  })
})
