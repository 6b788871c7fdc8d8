import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listen } from '../../functions/local/api-server'
import { createWebServer } from '../../functions/local/web-server'

const script = `console.log(${JSON.stringify('中注协会员服务 '.repeat(2000))})`
let folder: string
let server: Server
let base: string

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'web-server-'))
  writeFileSync(join(folder, 'index.html'), '<!doctype html><title>h5</title>')
  writeFileSync(join(folder, 'app.js'), script)
  writeFileSync(join(folder, 'logo.png'), Buffer.alloc(2048, 1))
  server = createWebServer(folder)
  base = `http://127.0.0.1:${await listen(server, 0)}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  rmSync(folder, { recursive: true, force: true })
})

// fetch decodes the body itself: what it reads back must be the file, whatever the encoding.
describe('the local web server sends the H5 build compressed', () => {
  it('answers brotli, then gzip, then the file itself, as the browser accepts, and says it varies by that', async () => {
    const br = await fetch(`${base}/app.js`, { headers: { 'accept-encoding': 'gzip, deflate, br' } })
    expect(br.headers.get('content-encoding')).toBe('br')
    expect(br.headers.get('vary')).toBe('accept-encoding')
    expect(Number(br.headers.get('content-length'))).toBeLessThan(script.length / 5)
    expect(await br.text()).toBe(script)

    const gzip = await fetch(`${base}/app.js`, { headers: { 'accept-encoding': 'br;q=0, gzip' } })
    expect(gzip.headers.get('content-encoding')).toBe('gzip')
    expect(await gzip.text()).toBe(script)

    const plain = await fetch(`${base}/app.js`, { headers: { 'accept-encoding': 'identity' } })
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(plain.headers.get('vary')).toBe('accept-encoding')
    expect(await plain.text()).toBe(script)
  })

  it('compresses a file once and keeps the result beside it; images go as they are', async () => {
    await fetch(`${base}/app.js`, { headers: { 'accept-encoding': 'br' } }).then((response) => response.arrayBuffer())
    const made = statSync(join(folder, 'app.js.br')).mtimeMs
    await fetch(`${base}/app.js`, { headers: { 'accept-encoding': 'br' } }).then((response) => response.arrayBuffer())
    expect(statSync(join(folder, 'app.js.br')).mtimeMs).toBe(made)

    const image = await fetch(`${base}/logo.png`, { headers: { 'accept-encoding': 'br, gzip' } })
    expect(image.headers.get('content-encoding')).toBeNull()
    expect((await image.arrayBuffer()).byteLength).toBe(2048)
  })
})
