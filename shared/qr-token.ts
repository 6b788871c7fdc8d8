/**
 * The shape of a signed QR code, without zod: the verification page checks a scanned code with it
 * before its first request and loads no schema library (bench/first-screen.ts).
 */

/** What the verification page and the server say about a code that is not one of ours in shape. */
export const INVALID_CODE_HEADLINE = '二维码无效：内容不完整或已被改动'
/**
 * A real code is about 220 characters (key id, a ~110-character payload, an 86-character
 * signature); the bound leaves room for a longer key id and keeps a padded code off the server.
 */
export const QR_TOKEN_MAX_LENGTH = 400
export const QR_TOKEN_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

/** Whether a code is worth asking the server about: the page refuses anything else by itself. */
export const plausibleQrToken = (token: string) => token.length <= QR_TOKEN_MAX_LENGTH && QR_TOKEN_SHAPE.test(token)
