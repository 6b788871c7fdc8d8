/**
 * `npm run reminders -- [--date 2027-12-17] [--association ZJ,BJ]`: the daily reminders job
 * (functions/handlers/reminders.ts) against the local data, as EventBridge starts it at 08:00 China
 * time — of `--date`, or of today — into a running `npm start` or, when none runs, into the saved
 * local data. Prints what it did and every WeChat message it put in the local outbox. Running it
 * again for the same day sends nothing new.
 */
import { parseArgs } from 'node:util'
import { clock, clockStartingAt, useClock } from '../functions/adapters/clock'
import { configuredEndpoints } from '../functions/local/engines'
import { outboxSince, runRemindersJob } from '../functions/local/reminders'
import { startEngines, useLocalStorage } from '../functions/local/stack'
import { APPROVAL_KIND_LABELS, type ApprovalKind } from '../shared/approvals'
import { associationName } from '../shared/associations'
import { localSettings } from './local-settings'
import { portInUse } from './port-check'

const { values } = parseArgs({ options: { date: { type: 'string' }, association: { type: 'string' } } })
if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
  console.error('--date 须为 YYYY-MM-DD（北京时间的日期）')
  process.exit(1)
}
if (values.date) useClock(clockStartingAt(new Date(`${values.date}T08:00:00+08:00`)))
const associations = values.association?.split(',').map((code) => code.trim().toUpperCase())

const settings = localSettings()
const running = await portInUse(settings.enginePort)
const engines = running
  ? {
      dynamoEndpoint: configuredEndpoints.dynamo ?? `http://127.0.0.1:${settings.enginePort}`,
      s3Endpoint: configuredEndpoints.s3 ?? `http://127.0.0.1:${settings.enginePort}`,
      stop: async () => {},
    }
  : await startEngines({ dataDir: settings.dataDir, port: settings.enginePort })
try {
  await useLocalStorage(engines, settings)
  const since = clock.now().toISOString()
  const run = await runRemindersJob(associations ? { associations } : {})
  console.log(`${run.date}（${run.year}年度年检）`)
  if (!run.associations.length) console.log('  今天没有地方注协的年检申请还剩 14、7 或 1 天截止：不提醒会员')
  const withoutMembers = run.associations.filter((association) => association.read === 0)
  if (withoutMembers.length) console.log(`  今天是 ${withoutMembers.length} 个地方注协的提醒日，但其本地数据中没有非执业会员`)
  for (const association of run.associations.filter(({ read }) => read > 0)) {
    const { byReason, wechat } = association
    console.log(
      `  ${associationName(association.associationCode)}：${association.closesOn} 截止，还剩 ${association.daysLeft} 天；读会员 ${association.read} 名，` +
        `提醒 ${association.reminded} 名（未申请 ${byReason.window}，学时不足 ${byReason.hours}，会费未缴 ${byReason.fee}），今天已提醒过 ${association.alreadyReminded} 名；` +
        `微信订阅消息 发出 ${wechat.sent}，未绑定 ${wechat.unbound}，未订阅 ${wechat['no-credit']}，失败 ${wechat.failed}`,
    )
  }
  for (const digest of run.digests) {
    const counts = Object.entries(digest.counts).map(([kind, count]) => `${APPROVAL_KIND_LABELS[kind as ApprovalKind]} ${count}`)
    console.log(
      `  每日待办摘要 ${associationName(digest.scopeCode)}：${digest.covers} 新增 ${digest.total} 项（${counts.join('、')}）${digest.outcome === 'duplicate' ? '，今天已生成过' : ''}`,
    )
  }
  const sent = await outboxSince('wechat', since)
  console.log(`本地 outbox（channel=wechat）新增 ${sent.length} 条：`)
  for (const message of sent) console.log(`  ${message.recipient}  ${message.body}`)
} finally {
  // Without a running npm start this saves the data to .local/ for the next one.
  await engines.stop()
}
