import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { type Browser, chromium } from 'playwright-core'
import { DEMO_MEMBERS } from '../functions/local/demo-data'
import { listen } from '../functions/local/api-server'
import { seedDemoData } from '../functions/local/seed'
import { startEngines, startServers, useLocalStorage } from '../functions/local/stack'
import { createWebServer } from '../functions/local/web-server'
import { ROOT } from '../scripts/local-settings'
import { routes } from '../shared/api/contract'
import { accessToken, json } from './local-api'

const RUNS = 7
const BARE_SOURCE = `${ROOT}/bench/bare-taro`
const BARE_OUT = '/tmp/cicpa-bench-bare-taro-h5'
/** A phone on a good mobile network: 9 Mbps, 40 ms round trip, a CPU 4× slower than this machine's. */
const NETWORK = { offline: false, latency: 40, downloadThroughput: 9_000_000 / 8, uploadThroughput: 9_000_000 / 8 }
const CPU_SLOWDOWN = 4

function newestChange(path: string): number {
  if (!statSync(path).isDirectory()) return statSync(path).mtimeMs
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), 0)
}

/** The yardstick: bench/bare-taro built once into /tmp, again only when its source changed. */
function bareBuild(): string {
  const stamp = `${BARE_OUT}/index.html`
  // Its sources only: the build itself writes Taro's swc cache under BARE_SOURCE/.swc.
  const changed = Math.max(...['config', 'src', 'babel.config.cjs'].map((part) => newestChange(join(BARE_SOURCE, part))))
  if (!existsSync(stamp) || statSync(stamp).mtimeMs < changed) {
    console.log('building the bare Taro page (bench/bare-taro) …')
    execFileSync('npx', ['taro', 'build', '--type', 'h5'], {
      cwd: BARE_SOURCE,
      stdio: 'ignore',
      env: { ...process.env, NODE_ENV: 'production', TARO_OUTPUT_ROOT: BARE_OUT },
    })
  }
  return BARE_OUT
}

interface Visit {
  ms: number
  /** gzip -9 size of every file of the build the page fetched before its main content showed */
  gzipBytes: number
  /** what went over the wire for those files, as the web server sent them */
  wireBytes: number
}

/**
 * Opens `url` in a fresh context (empty cache) on the throttled phone and answers when `selector`
 * first had a box on screen: the first animation frame that found it so.
 */
async function visit(browser: Browser, url: string, selector: string, webRoot: string): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN' })
  // Checked every frame: a page can become visible without a DOM change (a stylesheet arriving).
  // A string, not a function: tsx would wrap a function's inner functions in a helper the page lacks.
  await context.addInitScript(`{
    const check = () => {
      const element = document.querySelector(${JSON.stringify(selector)})
      if (element !== null && element.getBoundingClientRect().height > 0) window.__mainContentAt = performance.now()
      else requestAnimationFrame(check)
    }
    requestAnimationFrame(check)
  }`)
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', NETWORK)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
  try {
    await page.goto(url, { waitUntil: 'commit' })
    const handle = await page
      .waitForFunction(() => (window as unknown as { __mainContentAt?: number }).__mainContentAt, null, { timeout: 60_000 })
      .catch(async (error: Error) => {
        throw new Error(`${url}: ${selector} not shown (${error.message}); the page reads: ${(await page.textContent('body'))?.slice(0, 300)}`)
      })
    const ms = (await handle.jsonValue()) as number
    const fetched = await page.evaluate(
      (until) =>
        (performance.getEntriesByType('navigation') as PerformanceResourceTiming[])
          .concat(performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((entry) => entry.responseEnd <= until)
          .map((entry) => ({ path: new URL(entry.name).pathname, wire: entry.encodedBodySize })),
      ms,
    )
    let gzipBytes = 0
    let wireBytes = 0
    for (const { path, wire } of fetched) {
      const file = join(webRoot, path === '/' ? 'index.html' : path)
      if (path.startsWith('/api/') || !existsSync(file) || !statSync(file).isFile()) continue
      gzipBytes += gzipSync(readFileSync(file), { level: 9 }).length
      wireBytes += wire
    }
    return { ms, gzipBytes, wireBytes }
  } finally {
    await context.close()
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

/**
 * The first screen on an emulated phone: the login page and the public verification page of the
 * H5 build (H5_DIST, else miniprogram/dist/h5) against a one-page Taro 4 app on the same toolchain,
 * both served by the local web server. Goals (issue 18): main content within 1.2× the bare page's
 * time, first-render bytes within 1.3× its gzip size.
 */
export async function benchFirstScreen(): Promise<string[]> {
  const h5 = process.env.H5_DIST ?? `${ROOT}/miniprogram/dist/h5`
  if (!existsSync(`${h5}/index.html`)) return [`no H5 build at ${h5}: run npm run build:h5 (or set H5_DIST)`]
  const bare = bareBuild()
  const engines = await startEngines({})
  const bareServer = createWebServer(bare)
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
  try {
    const suffix = Date.now().toString(36)
    await useLocalStorage(engines, { tableName: `bench-fs-${suffix}`, bucketName: `bench-fs-${suffix}` })
    await seedDemoData()
    const servers = await startServers({ apiPort: 0, webPort: 0, webRoot: h5 })
    try {
      const bareUrl = `http://127.0.0.1:${await listen(bareServer, 0)}/`
      const memberToken = await accessToken(servers.apiUrl, DEMO_MEMBERS[0]!.account)
      const card = await json(servers.apiUrl, routes.memberCard.path, { headers: { authorization: `Bearer ${memberToken}` } })
      const targets = [
        { name: 'bare', url: bareUrl, selector: '#bare-main', root: bare },
        { name: 'login', url: `${servers.webUrl}/#/pages/login/index`, selector: '#login-submit', root: h5 },
        // The member card's own QR link: a genuine code, so the page shows the member's standing.
        { name: 'verify', url: String(card.body.qr.url), selector: '.verify__banner--valid', root: h5 },
      ]
      const visits = new Map<string, Visit[]>(targets.map(({ name }) => [name, []]))
      // Interleaved, so that load from others on this machine spreads over all three.
      for (let run = 0; run < RUNS; run++) {
        for (const target of targets) visits.get(target.name)!.push(await visit(browser, target.url, target.selector, target.root))
      }
      const figures = Object.fromEntries(
        targets.map(({ name }) => {
          const runs = visits.get(name)!
          return [
            name,
            { ms: median(runs.map((run) => run.ms)), gzip: median(runs.map((run) => run.gzipBytes)), wire: median(runs.map((run) => run.wireBytes)) },
          ]
        }),
      ) as Record<string, { ms: number; gzip: number; wire: number }>
      const base = figures.bare!
      console.log(`\nFirst screen on an emulated phone (9 Mbps, 40 ms RTT, CPU ${CPU_SLOWDOWN}× slower; medians of ${RUNS}, empty cache)`)
      console.log(`H5 build: ${h5}`)
      console.log('page      main content   ×bare   gzip bytes   ×bare   on the wire')
      const failures: string[] = []
      for (const { name } of targets) {
        const { ms, gzip, wire } = figures[name]!
        const timeRatio = ms / base.ms
        const byteRatio = gzip / base.gzip
        console.log(
          `${name.padEnd(9)} ${`${ms.toFixed(0)} ms`.padStart(12)} ${timeRatio.toFixed(2).padStart(7)} ${kb(gzip).padStart(12)} ${byteRatio.toFixed(2).padStart(7)} ${kb(wire).padStart(13)}`,
        )
        if (name === 'bare') continue
        if (timeRatio > 1.2) failures.push(`${name}: main content after ${timeRatio.toFixed(2)}× the bare page's time (goal ≤ 1.2×)`)
        if (byteRatio > 1.3) failures.push(`${name}: ${byteRatio.toFixed(2)}× the bare page's gzip bytes before its main content (goal ≤ 1.3×)`)
      }
      return failures
    } finally {
      await servers.stop()
    }
  } finally {
    await browser.close()
    await new Promise((resolve) => bareServer.close(resolve))
    await engines.stop()
  }
}
