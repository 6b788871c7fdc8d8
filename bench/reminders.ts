/**
 * `npx tsx bench/reminders.ts` (BENCH_MEMBERS / BENCH_PENDING for a smaller run): the daily
 * reminders job over a province's volume — issue 17's 浙江, 20,000 members and 5,000 pending
 * items loaded by functions/local/volume.ts into a fresh table of its own — on the day its 年检
 * window has 14 days left, then the same day again (a rerun: nothing new), and an ordinary day
 * (no window closing: only the digests). Prints, per run, the time and the DynamoDB requests,
 * items read and written (bench/dynamo-tally.ts): what decides the job's cost on AWS, whatever the
 * local engine's latency. The job runs as it does locally, through its handler and role.
 */
import { randomUUID } from 'node:crypto'
import { clock, clockStartingAt, useClock } from '../functions/adapters/clock'
import { dynamoInbox } from '../functions/adapters/pending'
import { runRemindersJob } from '../functions/local/reminders'
import { startEngines, useLocalStorage } from '../functions/local/stack'
import { loadVolume } from '../functions/local/volume'
import { chinaDate, chinaYear } from '../shared/china-time'
import { addDays } from '../shared/reminders'
import { countDynamo, since, snapshot } from './dynamo-tally'

const ASSOCIATION = 'ZJ'
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 20_000)
const PENDING = Number(process.env.BENCH_PENDING ?? 5_000)

/** 08:00 China time, when the schedule starts the job, `daysBefore` the default window's last day (31 December). */
const morning = (year: number, daysBefore: number) => {
  const day = new Date(Date.UTC(year, 11, 31 - daysBefore))
  return new Date(`${day.toISOString().slice(0, 10)}T08:00:00+08:00`)
}

async function measured(name: string, associations?: string[]) {
  const before = snapshot()
  const started = performance.now()
  const run = await runRemindersJob(associations ? { associations } : {})
  const seconds = (performance.now() - started) / 1000
  const tally = since(before)
  const commands = Object.entries(tally.byCommand)
    .map(([command, count]) => `${command.replace(/Command$/, '')}×${count}`)
    .join(' ')
  const reminded = run.associations.reduce((sum, association) => sum + association.reminded, 0)
  const already = run.associations.reduce((sum, association) => sum + association.alreadyReminded, 0)
  const read = run.associations.reduce((sum, association) => sum + association.read, 0)
  console.log(
    `  ${name.padEnd(30)} ${seconds.toFixed(1).padStart(7)} s ${String(tally.requests).padStart(8)} ${String(tally.itemsRead).padStart(10)} ${String(tally.itemsWritten).padStart(8)}` +
      `   members read ${read}, reminded ${reminded}, already ${already}, digests ${run.digests.length}`,
  )
  console.log(`  ${''.padEnd(30)} ${commands}`)
  return run
}

export async function benchReminders(): Promise<void> {
  const engines = await startEngines({})
  try {
    const suffix = randomUUID().slice(0, 8)
    await useLocalStorage(engines, { tableName: `bench-rm-${suffix}`, bucketName: `bench-rm-${suffix}` })
    const year = chinaYear(new Date())
    useClock(clockStartingAt(morning(year, 14)))
    console.log(`\nDaily reminders at volume: loading ${MEMBERS} members and ${PENDING} pending items of ${ASSOCIATION} (functions/local/volume.ts)…`)
    const loaded = await loadVolume({
      associationCode: ASSOCIATION,
      members: MEMBERS,
      pending: PENDING,
      now: clock.now(),
      log: (line) => console.log(`  ${line}`),
    })
    console.log(`  loaded in ${loaded.seconds.toFixed(1)} s (${loaded.year}年度, window closes ${year}-12-31)`)
    countDynamo()
    console.log(`  ${'run'.padEnd(30)} ${'time'.padStart(9)} ${'requests'.padStart(8)} ${'items read'.padStart(10)} ${'written'.padStart(8)}`)
    const first = await measured('14 days left, every association')
    const zj = first.associations.find((association) => association.associationCode === ASSOCIATION)
    if (zj) console.log(`  ${''.padEnd(30)} ${ASSOCIATION}: reasons ${JSON.stringify(zj.byReason)}, WeChat ${JSON.stringify(zj.wechat)}`)
    await measured('same day again (rerun)')
    useClock(clockStartingAt(morning(year, 13)))
    await measured('13 days left (ordinary day)')
    // The loader spreads submissions over weeks before the day it loads for: the morning after the
    // newest one has a digest to make (and, weeks before the window closes, no reminders).
    const [newest] = (await dynamoInbox.list(ASSOCIATION, 'inspection', { filter: {}, order: 'newest', limit: 1 })).items
    if (newest) {
      useClock(clockStartingAt(new Date(`${addDays(chinaDate(new Date(newest.submittedAt)), 1)}T08:00:00+08:00`)))
      await measured(`${chinaDate(clock.now())} (digest day)`)
    }
  } finally {
    await engines.stop()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchReminders()
