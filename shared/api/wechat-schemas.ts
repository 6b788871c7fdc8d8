import { deferred } from '../deferred'
import * as z from 'zod'
import { labelled } from '../validation'

/** The H5 page asking to use the JS-SDK: its address as `location.href` gives it (any `#…` is dropped). */
export const JssdkConfigQuery = deferred(() =>
  z.object({
    url: labelled(z.string().trim().min(1).max(2048), '页面地址'),
  }),
)

/** What `wx.config` takes (附录1 JS-SDK使用权限签名算法), and where this deployment loads the JS-SDK from. */
export const JssdkConfigResponse = deferred(() =>
  z.object({
    appId: z.string(),
    timestamp: z.number().int(),
    nonceStr: z.string(),
    signature: z.string(),
    scriptUrl: z.string(),
  }),
)
export type JssdkConfigResponse = z.infer<typeof JssdkConfigResponse>

/** The local simulated JS-SDK's `wx.config`: what WeChat checks the page's signature against. */
export const SimulatedJssdkCheckRequest = deferred(() =>
  z.object({
    url: labelled(z.string().min(1).max(2048), '页面地址'),
    appId: labelled(z.string().min(1).max(64), '公众号标识'),
    timestamp: labelled(z.number().int(), '时间戳'),
    nonceStr: labelled(z.string().min(1).max(64), '随机串'),
    signature: labelled(z.string().min(1).max(64), '签名'),
  }),
)

export const SimulatedJssdkCheckResponse = deferred(() =>
  z.object({
    /** WeChat's answer to wx.config: `config:ok`, or `config:invalid signature` and the like. */
    errMsg: z.string(),
  }),
)
