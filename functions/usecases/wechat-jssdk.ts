import type { JssdkConfigResponse } from '../../shared/api/wechat-schemas'
import { type Clock, epochSeconds } from '../ports/clock'
import type { JssdkSigner } from '../ports/jssdk'
import { AppError } from './errors'

export interface JssdkDeps {
  signer: JssdkSigner
  clock: Clock
  /** This deployment's H5 origin (`https://m.…`): the only pages it signs for. */
  h5Origin: string
}

const refused = (message: string) => new AppError('VALIDATION_FAILED', message, { url: message })

/**
 * The address the signature covers: the page's full URL without `#…` (附录1). A signature is a
 * permission to use the official account's JS-SDK, so it is made only for this deployment's own
 * pages, never for an address someone else hosts.
 */
export function signableUrl(pageUrl: string, h5Origin: string): string {
  let parsed: URL
  try {
    parsed = new URL(pageUrl)
  } catch {
    throw refused('页面地址格式不正确')
  }
  if (parsed.origin !== new URL(h5Origin).origin) throw refused('页面地址不属于本系统，无法签名')
  const hash = pageUrl.indexOf('#')
  return hash < 0 ? pageUrl : pageUrl.slice(0, hash)
}

/** `wx.config` for the page at `pageUrl`, signed now. */
export async function jssdkConfig(deps: JssdkDeps, pageUrl: string): Promise<JssdkConfigResponse> {
  const url = signableUrl(pageUrl, deps.h5Origin)
  const config = await deps.signer.configFor(url, epochSeconds(deps.clock.now()))
  return { ...config, scriptUrl: deps.signer.scriptUrl }
}
