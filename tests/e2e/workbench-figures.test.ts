import { describe, expect, it } from 'vitest'
import { browserStack, signIn, topPage } from '../support/browser'
import { aCicpaStaff, aLocalStaff, aMember } from '../support/builders'
import { inspectionYear } from '../support/calendar'

const env = browserStack()

describe('年检统计 on a phone', () => {
  it('shows an association’s figures with a chart, and CICPA the 32 side by side', async () => {
    const year = inspectionYear()
    const applicant = await aMember(env.stack.api, { association: 'GZ', hours: 40, fee: '免会费', info: true })
    await aMember(env.stack.api, { association: 'GZ', hours: 12 })
    const staff = await aLocalStaff(env.stack.api, 'GZ')
    await applicant.ok('submitInspection', { body: { year, commitmentAccepted: true } })
    const params = { id: `${applicant.member.memberNo}-${year}` }
    const { version } = await staff.ok('inspectionDetail', { params })
    await staff.ok('decideInspection', { params, body: { decision: 'pass', opinion: '', version } })

    const local = await signIn(env.browser, env.stack, staff.account)
    await local.page.locator('.inbox__figures').tap()
    const screen = topPage(local.page)
    await expect.poll(() => screen.getByTestId('figure-members').textContent()).toBe('非执业会员 2 人')
    await expect.poll(() => screen.getByTestId('figure-passed').textContent()).toBe('1年检通过')
    await expect.poll(() => screen.getByTestId('figure-feeUnpaid').textContent()).toBe('1会费未缴')
    await expect.poll(() => screen.getByTestId('figures-chart').textContent()).toContain('学时达标1 · 50%')
    await local.screenshot('workbench-figures-local')

    const cicpa = await signIn(env.browser, env.stack, (await aCicpaStaff(env.stack.api)).account)
    await cicpa.page.locator('.inbox__figures').tap()
    const national = topPage(cicpa.page)
    await expect.poll(() => national.getByTestId('figures-compare').locator('.figures__compare-row').count()).toBe(32)
    const guizhou = national.getByTestId('figures-table').locator('.figures__tr', { hasText: '贵州省注册会计师协会' })
    await expect.poll(() => guizhou.textContent()).toBe('贵州省注册会计师协会211100111')
    await national.getByText('通过', { exact: true }).tap()
    await expect.poll(() => national.getByTestId('figures-compare').textContent()).toContain('贵州1/2')
    await cicpa.screenshot('workbench-figures-cicpa')
  })
})
