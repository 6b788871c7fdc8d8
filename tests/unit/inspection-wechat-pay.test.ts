import { createVerify, generateKeyPairSync, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  decryptResource,
  encryptResource,
  payParamsSignedBy,
  PaymentSignatureError,
  signMessage,
  signPayParams,
  verifyWechatSignature,
  WechatPayV3,
  type WechatAnswer,
} from '../../functions/adapters/wechat-pay'

const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 })
const platform = generateKeyPairSync('rsa', { modulusLength: 2048 })
const apiV3Key = Buffer.from(randomBytes(16).toString('hex'))
const platformPublicKeys = new Map([['PUB_KEY_ID_TEST', platform.publicKey]])

function signedHeaders(body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const nonce = 'n0nce'
  return {
    'wechatpay-serial': 'PUB_KEY_ID_TEST',
    'wechatpay-timestamp': String(timestamp),
    'wechatpay-nonce': nonce,
    'wechatpay-signature': signMessage(platform.privateKey, [String(timestamp), nonce, body]),
  }
}

function gateway(transport: (request: { method: string; url: string; headers: Record<string, string>; body: string }) => Promise<WechatAnswer>) {
  return new WechatPayV3({
    appIds: { miniprogram: 'wxapp', official_account: 'wxoa' },
    mchId: '1900000109',
    merchantSerialNo: 'MERCHANT-SERIAL',
    merchantPrivateKey: merchant.privateKey,
    platformPublicKeys,
    apiV3Key,
    notifyUrl: 'https://api.example.cn/api/v1/payments/wechat/notify',
    transport,
  })
}

describe('WeChat Pay v3', () => {
  it('signs requests as WECHATPAY2-SHA256-RSA2048 over method, path, timestamp, nonce and body', () => {
    const header = gateway(async () => ({ status: 500, headers: {}, body: '' })).authorization(
      'POST',
      '/v3/pay/transactions/native',
      '{"a":1}',
      1554208460,
      'abc',
    )
    const fields = Object.fromEntries([...header.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]))
    expect(header.startsWith('WECHATPAY2-SHA256-RSA2048 ')).toBe(true)
    expect(fields).toMatchObject({ mchid: '1900000109', nonce_str: 'abc', timestamp: '1554208460', serial_no: 'MERCHANT-SERIAL' })
    const valid = createVerify('RSA-SHA256')
      .update('POST\n/v3/pay/transactions/native\n1554208460\nabc\n{"a":1}\n')
      .verify(merchant.publicKey, fields.signature!, 'base64')
    expect(valid).toBe(true)
  })

  it('orders through POST /v3/pay/transactions/native and refuses an unsigned answer', async () => {
    let sent: { url: string; body: string } | undefined
    const answerBody = JSON.stringify({ code_url: 'weixin://wxpay/bizpayurl?pr=abc' })
    const signed = gateway(async (request) => {
      sent = request
      return { status: 200, headers: signedHeaders(answerBody), body: answerBody }
    })
    const order = { outTradeNo: 'NM2026330000260002ab12cd34', description: '2026年度非执业会员会费', amountFen: 30000, expiresAt: '2026-11-27T12:00:00+08:00' }
    expect(await signed.createNativeOrder(order)).toEqual({ codeUrl: 'weixin://wxpay/bizpayurl?pr=abc' })
    expect(sent!.url).toBe('https://api.mch.weixin.qq.com/v3/pay/transactions/native')
    expect(JSON.parse(sent!.body)).toEqual({
      appid: 'wxapp',
      mchid: '1900000109',
      description: '2026年度非执业会员会费',
      out_trade_no: order.outTradeNo,
      time_expire: order.expiresAt,
      notify_url: 'https://api.example.cn/api/v1/payments/wechat/notify',
      amount: { total: 30000, currency: 'CNY' },
    })
    const unsigned = gateway(async () => ({ status: 200, headers: {}, body: answerBody }))
    await expect(unsigned.createNativeOrder(order)).rejects.toBeInstanceOf(PaymentSignatureError)
  })

  it('reads a notification only with a fresh, valid platform signature and decrypts its resource', () => {
    const transaction = {
      mchid: '1900000109',
      appid: 'wxapp',
      out_trade_no: 'NM1',
      transaction_id: '4200001',
      trade_state: 'SUCCESS',
      amount: { total: 30000 },
    }
    const body = JSON.stringify({ id: 'EV-1', event_type: 'TRANSACTION.SUCCESS', resource: encryptResource(apiV3Key, JSON.stringify(transaction)) })
    const pay = gateway(async () => ({ status: 500, headers: {}, body: '' }))
    expect(pay.readNotification(signedHeaders(body), body)).toMatchObject({
      outTradeNo: 'NM1',
      transactionId: '4200001',
      tradeState: 'SUCCESS',
      amountFen: 30000,
    })
    expect(() => pay.readNotification(signedHeaders(body), body.replace('EV-1', 'EV-2'))).toThrow(PaymentSignatureError)
    expect(() => pay.readNotification(signedHeaders(body, Math.floor(Date.now() / 1000) - 600), body)).toThrow('stale timestamp')
    expect(() => verifyWechatSignature({ platformPublicKeys }, { ...signedHeaders(body), 'wechatpay-serial': 'OTHER' }, body)).toThrow(
      'unknown platform serial',
    )
    const foreign = JSON.stringify({
      id: 'EV-3',
      event_type: 'TRANSACTION.SUCCESS',
      resource: encryptResource(apiV3Key, JSON.stringify({ ...transaction, mchid: '1' })),
    })
    expect(() => pay.readNotification(signedHeaders(foreign), foreign)).toThrow('another merchant')
  })

  it('signs the JSAPI payment parameters over appId, timeStamp, nonceStr and package with the merchant key', () => {
    const params = signPayParams(
      merchant.privateKey,
      'wx8888888888888888',
      'wx201410272009395522657a690389285100',
      '1414561699',
      '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
    )
    expect(params).toMatchObject({
      appId: 'wx8888888888888888',
      timeStamp: '1414561699',
      nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
      package: 'prepay_id=wx201410272009395522657a690389285100',
      signType: 'RSA',
    })
    // The documented message: four lines, each ending in \n, the last one too.
    const documented = 'wx8888888888888888\n1414561699\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\nprepay_id=wx201410272009395522657a690389285100\n'
    expect(createVerify('RSA-SHA256').update(documented).verify(merchant.publicKey, params.paySign, 'base64')).toBe(true)
    expect(payParamsSignedBy(merchant.publicKey, params)).toBe(true)
    for (const wrong of [{ appId: 'wxother' }, { timeStamp: '1414561700' }, { nonceStr: 'X' }, { package: 'prepay_id=wx2' }, { signType: 'MD5' as 'RSA' }]) {
      expect(payParamsSignedBy(merchant.publicKey, { ...params, ...wrong })).toBe(false)
    }
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 })
    expect(payParamsSignedBy(stranger.publicKey, params)).toBe(false)
  })

  it("orders through POST /v3/pay/transactions/jsapi for the payer, with the channel's appid, and signs for the same appid", async () => {
    let sent: { url: string; body: string } | undefined
    const answerBody = JSON.stringify({ prepay_id: 'wx26112221580621e9b071c00d9e093b0000' })
    const pay = gateway(async (request) => {
      sent = request
      return { status: 200, headers: signedHeaders(answerBody), body: answerBody }
    })
    const order = { outTradeNo: 'NM2026330000260002ab12cd34', description: '会费', amountFen: 30000, expiresAt: '2026-11-27T12:00:00+08:00' }
    const params = await pay.createJsapiOrder({ ...order, channel: 'official_account', payerOpenid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' })
    expect(sent!.url).toBe('https://api.mch.weixin.qq.com/v3/pay/transactions/jsapi')
    expect(JSON.parse(sent!.body)).toMatchObject({ appid: 'wxoa', mchid: '1900000109', payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' } })
    expect(params).toMatchObject({ appId: 'wxoa', package: 'prepay_id=wx26112221580621e9b071c00d9e093b0000', signType: 'RSA' })
    expect(payParamsSignedBy(merchant.publicKey, params)).toBe(true)
    expect((await pay.createJsapiOrder({ ...order, channel: 'miniprogram', payerOpenid: 'o1' })).appId).toBe('wxapp')
  })

  it('queries an order by out_trade_no and believes only a signed answer of its own merchant', async () => {
    const transaction = {
      mchid: '1900000109',
      appid: 'wxapp',
      out_trade_no: 'NM1',
      transaction_id: '4200002',
      trade_state: 'SUCCESS',
      amount: { total: 30000 },
    }
    let answerBody = JSON.stringify(transaction)
    let sent: { method: string; url: string; headers: Record<string, string> } | undefined
    const pay = gateway(async (request) => {
      sent = request
      return { status: 200, headers: signedHeaders(answerBody), body: answerBody }
    })
    expect(await pay.queryOrder('NM1')).toEqual({
      outTradeNo: 'NM1',
      transactionId: '4200002',
      tradeState: 'SUCCESS',
      amountFen: 30000,
      successTime: undefined,
    })
    expect(sent!.method).toBe('GET')
    expect(sent!.url).toBe('https://api.mch.weixin.qq.com/v3/pay/transactions/out-trade-no/NM1?mchid=1900000109')
    // The request signature covers the path with its query string and an empty body.
    const fields = Object.fromEntries([...sent!.headers.authorization!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]))
    const signedLine = `GET\n/v3/pay/transactions/out-trade-no/NM1?mchid=1900000109\n${fields.timestamp}\n${fields.nonce_str}\n\n`
    expect(createVerify('RSA-SHA256').update(signedLine).verify(merchant.publicKey, fields.signature!, 'base64')).toBe(true)

    answerBody = JSON.stringify({ mchid: '1900000109', appid: 'wxapp', out_trade_no: 'NM1', trade_state: 'NOTPAY', amount: { total: 30000 } })
    expect(await pay.queryOrder('NM1')).toBeUndefined()
    answerBody = JSON.stringify({ ...transaction, mchid: '1' })
    await expect(pay.queryOrder('NM1')).rejects.toThrow('another merchant')

    const forged = gateway(async () => {
      const body = JSON.stringify(transaction)
      return { status: 200, headers: signedHeaders(JSON.stringify({ ...transaction, trade_state: 'NOTPAY' })), body }
    })
    await expect(forged.queryOrder('NM1')).rejects.toBeInstanceOf(PaymentSignatureError)
    const unsigned = gateway(async () => ({ status: 200, headers: {}, body: JSON.stringify(transaction) }))
    await expect(unsigned.queryOrder('NM1')).rejects.toBeInstanceOf(PaymentSignatureError)
  })

  it('decrypts AEAD_AES_256_GCM with the associated data, and refuses a wrong key', () => {
    const resource = encryptResource(apiV3Key, '{"x":1}', 'transaction')
    expect(decryptResource(apiV3Key, resource)).toBe('{"x":1}')
    expect(() => decryptResource(Buffer.from(randomBytes(16).toString('hex')), resource)).toThrow()
    expect(() => decryptResource(apiV3Key, { ...resource, associated_data: 'other' })).toThrow()
  })
})
