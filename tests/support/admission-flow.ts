import { randomUUID } from 'node:crypto'
import dayjs from 'dayjs'
import { idCheckChar } from '../../shared/admission'
import { chinaDate } from '../../shared/china-time'
import { clock } from '../../functions/adapters/clock'
import { placeholderPhotoPng } from '../../functions/local/demo-admissions'
import type { ApiClient } from './api-client'

const mainlandId = (first17: string) => first17 + idCheckChar(first17)

/**
 * A complete, eligible application of someone born 1999-05-06 in Hangzhou; `serial` (3 digits,
 * odd last digit for men) keeps ID numbers apart.
 */
export function applicationFor(serial: string, overrides: Record<string, unknown> = {}) {
  return {
    name: '孙悦',
    gender: Number(serial.at(-1)) % 2 ? '男' : '女',
    ethnicity: '汉族',
    birthDate: '1999-05-06',
    idType: '居民身份证',
    idNumber: mainlandId(`33010619990506${serial}`),
    politicalStatus: '群众',
    region: '浙江省',
    household: '浙江省杭州市西湖区',
    phone: '13700001111',
    email: 'sunyue@example.com',
    education: '大学本科',
    workUnit: '杭州某某会计服务有限公司',
    certificateNo: 'QK2024330109999',
    certificateDate: chinaDate(dayjs(clock.now()).subtract(2, 'year').toDate()),
    formerPractising: false,
    associationCode: 'ZJ',
    ...overrides,
  }
}

/** 验证信息: a solved captcha buys the ticket that the form and the photo upload need. */
export async function requestTicket(api: ApiClient): Promise<string> {
  const verified = await api.request('POST', '/api/v1/admission/verify', { body: await api.solvedCaptcha() })
  if (verified.status !== 200) throw new Error(`verify: ${JSON.stringify(verified.body)}`)
  return verified.body.ticket as string
}

/** Uploads through the presigned POST exactly as the mini-program does; returns the object key. */
export async function uploadPhoto(api: ApiClient, ticket: string, bytes: Uint8Array, contentType = 'image/png'): Promise<string> {
  const { status, body: presigned } = await api.request('POST', '/api/v1/admission/photo-upload', { body: { ticket, contentType } })
  if (status !== 200) throw new Error(`photo-upload: ${JSON.stringify(presigned)}`)
  const form = new FormData()
  for (const [name, value] of Object.entries<string>(presigned.fields)) form.append(name, value)
  form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }))
  const uploaded = await fetch(presigned.url, { method: 'POST', body: form })
  if (uploaded.status >= 300) throw new Error(`upload: ${uploaded.status}`)
  return presigned.key as string
}

/** The applicant's walk before submitting: captcha → ticket → photo. */
export async function preparedApplicant(api: ApiClient): Promise<{ ticket: string; photoKey: string }> {
  const ticket = await requestTicket(api)
  return { ticket, photoKey: await uploadPhoto(api, ticket, placeholderPhotoPng()) }
}

export async function submitApplication(api: ApiClient, body: Record<string, unknown>, idempotencyKey: string | null = randomUUID()) {
  const response = await fetch(`${api.baseUrl}/api/v1/admission/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: await response.json() }
}
