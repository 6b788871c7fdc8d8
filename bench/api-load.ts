import { randomUUID } from 'node:crypto'
import { DEMO_MEMBERS, DEMO_STAFF } from '../functions/local/demo-data'
import { seedDemoData } from '../functions/local/seed'
import { startEngines, startServers, useLocalStorage } from '../functions/local/stack'
import { routes } from '../shared/api/contract'
import { accessToken, json, loginBody, percentile, send, type Prepared } from './local-api'

const LEVELS = [1, 50, 200]

interface Probe {
  name: string
  /** Prepares one request (e.g. a solved captcha) outside the timed part. */
  prepare: () => Promise<Prepared>
}

let loopbackCounter = 0
function nextLoopbackAddress() {
  loopbackCounter++
  return `127.0.${Math.floor(loopbackCounter / 250) % 250}.${(loopbackCounter % 250) + 2}`
}

export async function benchApi() {
  const engines = await startEngines({})
  try {
    const suffix = randomUUID().slice(0, 8)
    await useLocalStorage(engines, { tableName: `bench-${suffix}`, bucketName: `bench-${suffix}` })
    await seedDemoData()
    const servers = await startServers({ apiPort: 0 })
    const base = servers.apiUrl
    const member = DEMO_MEMBERS[0]!.account
    const staff = DEMO_STAFF[1]!
    const memberToken = await accessToken(base, member)
    const staffToken = await accessToken(base, staff)
    const card = await json(base, routes.memberCard.path, { headers: { authorization: `Bearer ${memberToken}` } })
    const qrToken = new URL(String(card.body.qr.url).replace('/#/', '/')).searchParams.get('t')!
    const verifyPath = `${routes.verify.path}?t=${qrToken}`

    const probes: Probe[] = [
      { name: 'login', prepare: async () => ({ path: routes.login.path, method: 'POST', body: await loginBody(base, member) }) },
      { name: 'home (GET /me)', prepare: async () => ({ path: routes.profile.path, headers: { authorization: `Bearer ${memberToken}` } }) },
      { name: 'approval inbox', prepare: async () => ({ path: routes.inbox.path, headers: { authorization: `Bearer ${staffToken}` } }) },
      // Verifiers are many people: each request comes from its own loopback address (127.0.x.y),
      // so the per-client limit (60 a minute) is not what gets measured.
      { name: 'QR verification', prepare: async () => ({ path: verifyPath, localAddress: nextLoopbackAddress() }) },
    ]
    console.log('\nAPI latency on the local stack (ms; requests = max(concurrency, 100), login = concurrency)')
    console.log('route                clients    p50      p99   errors')
    for (const probe of probes) {
      for (const clients of LEVELS) {
        const total = probe.name === 'login' ? clients : Math.max(clients, 100)
        const prepared = await Promise.all(Array.from({ length: total }, () => probe.prepare()))
        const latencies: number[] = []
        let errors = 0
        let next = 0
        await Promise.all(
          Array.from({ length: clients }, async () => {
            while (next < prepared.length) {
              const request = prepared[next++]!
              const started = performance.now()
              // A reset connection counts as a failed request, as a client would see it.
              const status = await send(base, request).then(
                ({ status }) => status,
                () => 0,
              )
              latencies.push(performance.now() - started)
              if (status !== 200) errors++
            }
          }),
        )
        latencies.sort((a, b) => a - b)
        console.log(
          `${probe.name.padEnd(20)} ${String(clients).padStart(7)} ${percentile(latencies, 50).toFixed(1).padStart(8)} ${percentile(latencies, 99).toFixed(1).padStart(8)} ${String(errors).padStart(8)}`,
        )
      }
    }
    await servers.stop()
  } finally {
    await engines.stop()
  }
}
