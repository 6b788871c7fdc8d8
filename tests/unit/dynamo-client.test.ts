import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DynamoDocumentClient, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '../../functions/adapters/dynamo-client'

/** A stand-in DynamoDB endpoint answering from a script, recording what it was sent. */
interface Received {
  target: string | undefined
  headers: IncomingHttpHeaders
  body: Record<string, any>
}
let received: Received[] = []
let answers: { status: number; body: unknown }[] = []
let server: Server
let endpoint: string

beforeAll(async () => {
  server = createServer((request, response) => {
    let text = ''
    request.on('data', (chunk) => {
      text += chunk
    })
    request.on('end', () => {
      received.push({ target: request.headers['x-amz-target'] as string, headers: request.headers, body: JSON.parse(text) })
      const answer = answers.shift() ?? { status: 200, body: {} }
      response.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'req-1' }).end(JSON.stringify(answer.body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
const credentialNames = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const
const credentialsBefore = credentialNames.map((name) => process.env[name])
afterAll(async () => {
  credentialNames.forEach((name, index) => {
    if (credentialsBefore[index] === undefined) delete process.env[name]
    else process.env[name] = credentialsBefore[index]
  })
  await new Promise((resolve) => server.close(resolve))
})
beforeEach(() => {
  received = []
  answers = []
  process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE'
  process.env.AWS_SECRET_ACCESS_KEY = 'secret'
  process.env.AWS_SESSION_TOKEN = 'session-token'
})

const client = () => new DynamoDocumentClient({ region: 'cn-north-1', endpoint })

describe('DynamoDB document client on the JSON protocol', () => {
  it('signs for the region, marshals keys and values, and answers plain items', async () => {
    answers.push({ status: 200, body: { Item: { PK: { S: 'MEMBER#1' }, hours: { N: '12.5' }, tags: { L: [{ S: 'a' }] }, paid: { BOOL: true } } } })
    const { Item } = await client().send(new GetCommand({ TableName: 't', Key: { PK: 'MEMBER#1', SK: 'PROFILE' } }))
    expect(Item).toEqual({ PK: 'MEMBER#1', hours: 12.5, tags: ['a'], paid: true })
    const [request] = received
    expect(request!.target).toBe('DynamoDB_20120810.GetItem')
    expect(request!.headers['content-type']).toBe('application/x-amz-json-1.0')
    expect(request!.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/cn-north-1\/dynamodb\/aws4_request, SignedHeaders=.*x-amz-target.*, Signature=[0-9a-f]{64}$/,
    )
    expect(request!.headers['x-amz-security-token']).toBe('session-token')
    expect(request!.body).toEqual({ TableName: 't', Key: { PK: { S: 'MEMBER#1' }, SK: { S: 'PROFILE' } } })
  })

  it('drops undefined values and converts pages both ways', async () => {
    answers.push({ status: 200, body: { Items: [{ PK: { S: 'a' } }], Count: 1, LastEvaluatedKey: { PK: { S: 'a' }, SK: { N: '2' } } } })
    const page = await client().send(
      new QueryCommand({
        TableName: 't',
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': 'a', ':unused': undefined },
        ExclusiveStartKey: { PK: 'a', SK: 1 },
      }),
    )
    expect(page).toMatchObject({ Items: [{ PK: 'a' }], Count: 1, LastEvaluatedKey: { PK: 'a', SK: 2 } })
    expect(received[0]!.body.ExpressionAttributeValues).toEqual({ ':pk': { S: 'a' } })
    expect(received[0]!.body.ExclusiveStartKey).toEqual({ PK: { S: 'a' }, SK: { N: '1' } })
  })

  it('retries throttling and server faults with the same transaction token, not failed conditions', async () => {
    answers.push(
      { status: 400, body: { __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException', message: 'slow down' } },
      { status: 500, body: { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'oops' } },
      { status: 200, body: {} },
    )
    await client().send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 't', Item: { PK: 'x', SK: 'y', n: 1 } } }] }))
    expect(received).toHaveLength(3)
    const tokens = new Set(received.map(({ body }) => body.ClientRequestToken))
    expect(tokens.size).toBe(1)
    expect([...tokens][0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(received[0]!.body.TransactItems[0].Put.Item).toEqual({ PK: { S: 'x' }, SK: { S: 'y' }, n: { N: '1' } })

    received = []
    answers.push({
      status: 400,
      body: { __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', message: 'The conditional request failed', Item: { v: { N: '3' } } },
    })
    const failure = client().send(
      new UpdateCommand({ TableName: 't', Key: { PK: 'x', SK: 'y' }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': 4 } }),
    )
    await expect(failure).rejects.toMatchObject({
      name: 'ConditionalCheckFailedException',
      message: 'The conditional request failed',
      Item: { v: 3 },
      $metadata: { httpStatusCode: 400 },
    })
    expect(received).toHaveLength(1)
  })

  it('names a cancelled transaction as the SDK does, with its reasons by position', async () => {
    answers.push({
      status: 400,
      body: {
        __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
        Message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
        CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { PK: { S: 'x' } } }],
      },
    })
    const failure = client().send(new TransactWriteCommand({ TransactItems: [] }))
    await expect(failure).rejects.toMatchObject({
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Item: { PK: 'x' } }],
    })
    await expect(failure).rejects.toBeInstanceOf(Error)
  })

  it('gives up after three attempts on a fault that does not pass', async () => {
    for (let attempt = 0; attempt < 3; attempt++) answers.push({ status: 503, body: { __type: 'ServiceUnavailable' } })
    await expect(client().send(new GetCommand({ TableName: 't', Key: { PK: 'x', SK: 'y' } }))).rejects.toMatchObject({ name: 'ServiceUnavailable' })
    expect(received).toHaveLength(3)
  })

  it('refuses binary attributes rather than sending them mangled', async () => {
    const write = client().send(
      new UpdateCommand({
        TableName: 't',
        Key: { PK: 'x', SK: 'y' },
        UpdateExpression: 'SET b = :b',
        ExpressionAttributeValues: { ':b': new Uint8Array([1, 2]) },
      }),
    )
    await expect(write).rejects.toThrow('binary attribute')
    expect(received).toHaveLength(0)
  })

  it('lets the local runner wrap every request, outermost first', async () => {
    const seen: string[] = []
    const wrapped = client()
    wrapped.intercept(async ({ operation }, proceed) => {
      seen.push(`inner ${operation}`)
      return proceed()
    })
    wrapped.intercept(
      async ({ operation, input }, proceed) => {
        seen.push(`outer ${operation} ${JSON.stringify(input.Key)}`)
        return proceed()
      },
      { outermost: true },
    )
    await wrapped.send(new GetCommand({ TableName: 't', Key: { PK: 'x', SK: 'y' } }))
    expect(seen).toEqual(['outer GetItem {"PK":"x","SK":"y"}', 'inner GetItem'])
  })
})
