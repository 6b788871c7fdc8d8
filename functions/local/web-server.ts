import { createReadStream, existsSync, statSync } from 'node:fs'
import { readFile, rename, stat, writeFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { extname, join, normalize, resolve } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import { SIMULATED_JSSDK_PATH } from '../adapters/wechat-jssdk'
import { handleApiRequest } from './api-server'
import { SIMULATED_JSSDK_SCRIPT } from './jweixin-simulated'
import { serveLocalWechatPage } from './wechat-pages'

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

/** Text worth compressing; images and fonts are compressed formats already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg'])

const ENCODINGS = [
  // Quality 5, not 11: within 10 % of the smallest output at a fiftieth of the time (~70 ms for a
  // 200 KB chunk here), so a fresh build's first page view does not wait seconds per file.
  { name: 'br', suffix: '.br', compress: (data: Buffer) => promisify(brotliCompress)(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }) },
  { name: 'gzip', suffix: '.gz', compress: (data: Buffer) => promisify(gzip)(data, { level: 9 }) },
] as const

/** The best encoding the browser accepts (a q=0 refuses one), or none. */
function chooseEncoding(accepted: string | undefined) {
  const offered = new Map(
    (accepted ?? '').split(',').map((part) => {
      const [name = '', ...params] = part.trim().toLowerCase().split(';')
      const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='))
      return [name, q ? Number(q.slice(2)) : 1] as const
    }),
  )
  return ENCODINGS.find(({ name }) => (offered.get(name) ?? offered.get('*') ?? 0) > 0)
}

const pending = new Map<string, Promise<string>>()

/**
 * The compressed twin of a build file (`app.js.br` beside `app.js`), made on its first request
 * and reused while it is newer than the file: a fresh build gets fresh twins. Written under a
 * temporary name and renamed, so two servers on one build never read a half-written twin.
 */
function compressedTwin(file: string, encoding: (typeof ENCODINGS)[number]): Promise<string> {
  const twin = `${file}${encoding.suffix}`
  let made = pending.get(twin)
  if (!made) {
    made = (async () => {
      const [source, existing] = await Promise.all([stat(file), stat(twin).catch(() => null)])
      if (existing && existing.mtimeMs >= source.mtimeMs) return twin
      const temporary = `${twin}.${process.pid}.tmp`
      await writeFile(temporary, await encoding.compress(await readFile(file)))
      await rename(temporary, twin)
      return twin
    })().finally(() => pending.delete(twin))
    pending.set(twin, made)
  }
  return made
}

async function sendFile(request: IncomingMessage, response: ServerResponse, file: string) {
  const headers: Record<string, string> = {
    'content-type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=300',
  }
  let body = file
  if (COMPRESSIBLE.has(extname(file))) {
    headers.vary = 'accept-encoding'
    const encoding = chooseEncoding(request.headers['accept-encoding'])
    // A build folder the server may not write to is served as it is.
    const twin = encoding && (await compressedTwin(file, encoding).catch(() => null))
    if (encoding && twin) {
      body = twin
      headers['content-encoding'] = encoding.name
    }
  }
  headers['content-length'] = String(statSync(body).size)
  response.writeHead(200, headers)
  createReadStream(body).pipe(response)
}

/**
 * Serves the mini-program's H5 build and, under /api/, the same API as the API port, so the H5
 * page calls its own origin (as the mini-program calls its one configured request domain).
 */
export function createWebServer(webRoot: string): Server {
  const root = resolve(webRoot)
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (serveLocalWechatPage(request, response)) return
    if (url.pathname.startsWith('/api/')) {
      handleApiRequest(request, response).catch((error: unknown) => {
        console.error(error)
        if (!response.headersSent) response.writeHead(502)
        response.end()
      })
      return
    }
    if (url.pathname === SIMULATED_JSSDK_PATH) {
      response.writeHead(200, { 'content-type': MIME_TYPES['.js'] as string, 'cache-control': 'no-cache' }).end(SIMULATED_JSSDK_SCRIPT)
      return
    }
    const requested = normalize(join(root, decodeURIComponent(url.pathname)))
    if (!requested.startsWith(root)) {
      response.writeHead(403).end()
      return
    }
    const file = existsSync(requested) && statSync(requested).isFile() ? requested : join(root, 'index.html')
    if (!existsSync(file)) {
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('H5 尚未构建：请先运行 npm run build:h5')
      return
    }
    sendFile(request, response, file).catch((error: unknown) => {
      console.error(error)
      if (!response.headersSent) response.writeHead(500)
      response.end()
    })
  })
}
