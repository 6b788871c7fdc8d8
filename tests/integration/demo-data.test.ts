import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../functions/local/demo-data'
import { seedDemoData } from '../../functions/local/seed'
import { ROOT } from '../../scripts/local-settings'
import { startTestStack } from '../support/stack'

// Every other test builds its own users; this one checks that what `npm start` seeds is what the README promises.
let stack: Awaited<ReturnType<typeof startTestStack>>
beforeAll(async () => {
  stack = await startTestStack()
  await seedDemoData()
})
afterAll(() => stack?.stop())

const readmeRows = readFileSync(`${ROOT}/README.md`, 'utf8')
  .split('\n')
  .filter((line) => /^\| (非执业会员|注册会计师|协会工作人员) \|/.test(line))
  .map((line) => line.split('|').map((cell) => cell.trim()))
  .map(([, , username, password, situation]) => ({ username: username!, password: password!, situation: situation! }))

describe('the demo data npm start seeds', () => {
  it('is listed in the README, every account with its password', () => {
    const byName = (rows: readonly { username: string; password: string }[]) => rows.map(({ username, password }) => `${username} ${password}`).sort()
    expect(byName(readmeRows)).toEqual(byName(DEMO_ACCOUNTS))
  })

  it('lets every README account log in as the README says', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const answer = await stack.api.login(account.userType, account.username, account.password)
      expect(answer.status, `${account.username}: ${JSON.stringify(answer.body)}`).toBe(200)
      expect(answer.body.user.mustChangePassword).toBe(account.mustChangePassword)
    }
  })

  it('shows each member the hours and fee their README row names', async () => {
    const claimed = readmeRows.filter(({ situation }) => /hours \d+\/\d+, fee \S+/.test(situation))
    expect(claimed.length).toBeGreaterThan(0)
    for (const { username, password, situation } of claimed) {
      const [, done, required, fee] = /hours (\d+)\/(\d+), fee (\S+)/.exec(situation)!
      const account = DEMO_ACCOUNTS.find((candidate) => candidate.username === username)!
      const overview = await stack.api.ok('inspectionOverview', { as: await stack.api.token(account.userType, username, password) })
      expect({ username, done: overview.hours.done, required: overview.hours.required, fee: overview.fee }).toEqual({
        username,
        done: Number(done),
        required: Number(required),
        fee,
      })
    }
  })
})
