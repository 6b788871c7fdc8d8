import type { APIGatewayProxyEventV2, Context } from 'aws-lambda'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { coreRoutes } from '../../shared/api/routes/core'
import { operationsLog } from '../../functions/adapters/logger'
import { lambdaForGroup } from '../../functions/http/route-handler'

// What Lambda sets for a function without provisioned concurrency; read when the logger is created.
vi.hoisted(() => {
  process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand'
})

function captureLogLines() {
  const lines: Record<string, unknown>[] = []
  const record = (chunk: string | Uint8Array) => {
    for (const line of String(chunk).split('\n')) if (line.trim().startsWith('{')) lines.push(JSON.parse(line))
    return true
  }
  vi.spyOn(process.stdout, 'write').mockImplementation(record)
  vi.spyOn(process.stderr, 'write').mockImplementation(record)
  return lines
}

const event = (requestId: string) =>
  ({
    routeKey: 'GET /api/v1/health',
    rawPath: '/api/v1/health',
    headers: {},
    requestContext: { requestId, http: { method: 'GET', path: '/api/v1/health', sourceIp: '203.0.113.9' } },
    body: '{"idNumber":"110101199003070000"}',
  }) as unknown as APIGatewayProxyEventV2

const context = (awsRequestId: string) => ({ functionName: 'system', awsRequestId, getRemainingTimeInMillis: () => 1000 }) as unknown as Context

afterEach(() => {
  vi.restoreAllMocks()
})

describe('the structured logger', () => {
  it('logs an unexpected error once, with its stack, the request ids and the cold-start flag, never the body', async () => {
    const handler = lambdaForGroup('system', coreRoutes, {
      health: async () => {
        throw new TypeError('boom in a use case')
      },
      openapi: async () => ({}),
      devOutbox: async () => ({ messages: [] }),
    })
    const lines = captureLogLines()
    const first = await handler(event('api-request-1'), context('lambda-request-1'))
    await handler(event('api-request-2'), context('lambda-request-2'))
    vi.restoreAllMocks()

    expect(first).toMatchObject({ statusCode: 500 })
    expect(JSON.parse((first as { body: string }).body).message).toBe('系统繁忙，请稍后再试')
    expect(JSON.stringify(first)).not.toContain('boom')

    const errors = lines.filter((line) => line.level === 'ERROR')
    expect(errors).toHaveLength(2)
    expect(errors[0]).toMatchObject({
      message: 'unexpected error',
      cold_start: true,
      correlation_id: 'api-request-1',
      function_request_id: 'lambda-request-1',
      route: 'GET /api/v1/health',
      error: { name: 'TypeError', message: 'boom in a use case' },
    })
    expect((errors[0]!.error as { stack: string }).stack).toContain('logging.test.ts')
    expect(errors[1]).toMatchObject({ cold_start: false, correlation_id: 'api-request-2', function_request_id: 'lambda-request-2' })
    expect(JSON.stringify(lines)).not.toContain('110101199003070000')
  })

  it('writes every business event under the one key an alarm counts', () => {
    const lines = captureLogLines()
    operationsLog.businessEvent('payment-amount-mismatch', { outTradeNo: 'F2026X' })
    operationsLog.businessEvent('payment-notification-refused', { reason: 'bad signature' })
    vi.restoreAllMocks()
    expect(lines).toEqual([
      expect.objectContaining({ level: 'ERROR', businessEvent: 'payment-amount-mismatch', outTradeNo: 'F2026X' }),
      expect.objectContaining({ level: 'WARN', businessEvent: 'payment-notification-refused', reason: 'bad signature' }),
    ])
  })
})
