import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { extname, join, normalize, resolve } from 'node:path'
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
    response.writeHead(200, {
      'content-type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=300',
    })
    createReadStream(file).pipe(response)
  })
}
