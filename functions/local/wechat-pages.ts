import type { IncomingMessage, ServerResponse } from 'node:http'
import { LOCAL_AUTHORIZE_PATH, LOCAL_OA_CODE_PREFIX } from '../adapters/wechat-oauth'
import { OFFICIAL_ACCOUNT_NAME } from '../../shared/api/reset-schemas'

/** The official account's stand-in page: what the local follow QR code opens. */
export const LOCAL_OFFICIAL_ACCOUNT_PATH = '/dev/official-account'

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

/** A value for an inline script: JSON with `<` escaped, so nothing in it can close the script element. */
const scriptValue = (value: string) => JSON.stringify(value).replace(/</g, '\\u003c')

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>
body{font-family:sans-serif;margin:0;background:#f5f6f8;color:#1f2329}main{margin:16px;padding:20px;background:#fff;border-radius:8px}
.badge{display:inline-block;padding:2px 8px;border-radius:4px;background:#fff3e0;color:#e65100;font-size:13px}
h1{font-size:19px}p{font-size:14px;line-height:1.6;color:#4e5969}label{display:block;margin:16px 0 6px;font-size:14px}
input{width:100%;box-sizing:border-box;padding:10px;font-size:15px;border:1px solid #c9cdd4;border-radius:6px}
button{margin-top:20px;width:100%;padding:12px;font-size:16px;border:0;border-radius:6px;background:#07c160;color:#fff}
.error{color:#d93026}</style></head><body><main>${body}</main></body></html>`
}

/**
 * 模拟微信网页授权（本地）: stands in for open.weixin.qq.com/connect/oauth2/authorize. It checks
 * the request like WeChat does for what matters here, then goes back to `redirect_uri` with a
 * `local-oa:<user>` code and the untouched `state`, putting them in the query before the hash
 * as WeChat does. Only redirects to its own origin, so it cannot be used as an open redirect.
 */
function authorizePage(url: URL, origin: string): { status: number; html: string } {
  const redirect = url.searchParams.get('redirect_uri') ?? ''
  const state = url.searchParams.get('state') ?? ''
  const problems = [
    url.searchParams.get('response_type') !== 'code' && 'response_type 须为 code',
    url.searchParams.get('scope') !== 'snsapi_base' && 'scope 须为 snsapi_base',
    !/^[A-Za-z0-9]{0,128}$/.test(state) && 'state 只能是 a-zA-Z0-9，最多128字节',
    !URL.canParse(redirect) && 'redirect_uri 无效',
    URL.canParse(redirect) && new URL(redirect).origin !== origin && 'redirect_uri 不在本地网页授权域名下',
  ].filter(Boolean)
  const title = '模拟微信网页授权（本地）'
  if (problems.length) {
    return {
      status: 400,
      html: page(
        title,
        `<span class="badge">本地模拟</span><h1>${title}</h1><p class="error">${problems.map((problem) => escapeHtml(String(problem))).join('<br>')}</p>`,
      ),
    }
  }
  const body = `<span class="badge">本地模拟 · 非微信页面</span><h1>${title}</h1>
<p>本地环境没有微信。此页代替微信的静默授权（scope=snsapi_base）：以下面的本地微信用户回到发起授权的页面（找回密码或去支付），服务端据此换取该用户在“${escapeHtml(OFFICIAL_ACCOUNT_NAME)}”公众号下的 openid。真实微信中没有此页。</p>
<form id="authorize"><label for="user">本地微信用户</label><input id="user" name="user" pattern="[A-Za-z0-9_-]{1,64}" required>
<button type="submit">确认授权并返回</button></form>
<script>
const redirect = ${scriptValue(redirect)}, state = ${scriptValue(state)}, prefix = ${scriptValue(LOCAL_OA_CODE_PREFIX)};
const input = document.getElementById('user');
// The same local WeChat user as the H5 page's simulated wx.login, so one person keeps one identity.
try { input.value = JSON.parse(localStorage.getItem('cicpa.devWechatUser') || 'null')?.data || '' } catch {}
if (!input.value) input.value = 'h5-' + Math.random().toString(36).slice(2, 10);
document.getElementById('authorize').addEventListener('submit', (event) => {
  event.preventDefault();
  const target = new URL(redirect);
  target.searchParams.set('code', prefix + input.value);
  target.searchParams.set('state', state);
  location.replace(target.toString());
});
</script>`
  return { status: 200, html: page(title, body) }
}

function officialAccountPage(): string {
  return page(
    `${OFFICIAL_ACCOUNT_NAME}公众号（本地模拟）`,
    `<span class="badge">本地模拟</span><h1>${escapeHtml(OFFICIAL_ACCOUNT_NAME)}</h1><p>本地环境没有公众号可关注。部署后，找回密码页面展示的二维码为公众号自己的二维码（WECHAT_OA_FOLLOW_URL），微信扫码即可关注。</p>`,
  )
}

/** Answers the local WeChat stand-in pages; false for any other path. */
export function serveLocalWechatPage(request: IncomingMessage, response: ServerResponse): boolean {
  const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`)
  const answer =
    url.pathname === LOCAL_AUTHORIZE_PATH
      ? authorizePage(url, url.origin)
      : url.pathname === LOCAL_OFFICIAL_ACCOUNT_PATH
        ? { status: 200, html: officialAccountPage() }
        : null
  if (!answer) return false
  response.writeHead(answer.status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(answer.html)
  return true
}
