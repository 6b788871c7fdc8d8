import { randomUUID } from 'node:crypto'
import type { DescribeTableCommandInput, DescribeTableCommandOutput } from '@aws-sdk/client-dynamodb'
import type {
  BatchGetCommandInput,
  BatchGetCommandOutput,
  BatchWriteCommandInput,
  BatchWriteCommandOutput,
  DeleteCommandInput,
  DeleteCommandOutput,
  GetCommandInput,
  GetCommandOutput,
  PutCommandInput,
  PutCommandOutput,
  QueryCommandInput,
  QueryCommandOutput,
  ScanCommandInput,
  ScanCommandOutput,
  TransactWriteCommandInput,
  TransactWriteCommandOutput,
  UpdateCommandInput,
  UpdateCommandOutput,
} from '@aws-sdk/lib-dynamodb'
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb'

import { type AwsEndpoint, awsEndpoint, type Interceptor, Interceptors, isNetworkFault, signedRequest, withRetries } from './aws-request'

export type { BatchGetCommandInput, BatchGetCommandOutput, QueryCommandInput } from '@aws-sdk/lib-dynamodb'

/**
 * A DynamoDB document client on DynamoDB's documented JSON protocol (POST, `X-Amz-Target`,
 * signed by ./aws-request), used on every request path instead of the AWS SDK's: requiring
 * @aws-sdk/client-dynamodb costs a cold start ≈ 80 ms before the first line of ours runs (its
 * middleware stack, endpoint rules and credential chain), this ≈ 5 ms (bench/bundles.ts). Commands
 * keep lib-dynamodb's names, inputs and outputs (attribute values as plain JS), and errors keep the
 * SDK's shape (`name` = the exception, `CancellationReasons`), so adapters read the same either way.
 */

type Attributes = Record<string, unknown>
type Document = Record<string, unknown>

export class DynamoCommand<Input, Output> {
  declare readonly output: Output
  constructor(
    readonly operation: string,
    readonly input: Input,
  ) {}
}

const command = <Input, Output>(operation: string) =>
  class extends DynamoCommand<Input, Output> {
    constructor(input: Input) {
      super(operation, input)
    }
  }

export const GetCommand = command<GetCommandInput, GetCommandOutput>('GetItem')
export const PutCommand = command<PutCommandInput, PutCommandOutput>('PutItem')
export const UpdateCommand = command<UpdateCommandInput, UpdateCommandOutput>('UpdateItem')
export const DeleteCommand = command<DeleteCommandInput, DeleteCommandOutput>('DeleteItem')
export const QueryCommand = command<QueryCommandInput, QueryCommandOutput>('Query')
export const ScanCommand = command<ScanCommandInput, ScanCommandOutput>('Scan')
export const BatchGetCommand = command<BatchGetCommandInput, BatchGetCommandOutput>('BatchGetItem')
export const BatchWriteCommand = command<BatchWriteCommandInput, BatchWriteCommandOutput>('BatchWriteItem')
export const TransactWriteCommand = command<TransactWriteCommandInput, TransactWriteCommandOutput>('TransactWriteItems')
export const DescribeTableCommand = command<DescribeTableCommandInput, DescribeTableCommandOutput>('DescribeTable')

/** Fields of a request or answer that hold one item (or key) or a list of them, wherever they sit. */
const ITEM_FIELDS = new Set(['Key', 'Item', 'ExpressionAttributeValues', 'ExclusiveStartKey', 'LastEvaluatedKey', 'Attributes'])
const ITEM_LIST_FIELDS = new Set(['Keys', 'Items'])

/** Converts every item below `value` with `convert`, leaving the request's or answer's own fields as they are. */
function convertItems(value: unknown, convert: (item: Attributes) => Attributes): unknown {
  if (Array.isArray(value)) return value.map((element) => convertItems(element, convert))
  if (value === null || typeof value !== 'object') return value
  const converted: Document = {}
  for (const [field, inner] of Object.entries(value)) {
    if (inner === undefined) continue
    if (ITEM_FIELDS.has(field)) converted[field] = convert(inner as Attributes)
    else if (ITEM_LIST_FIELDS.has(field)) converted[field] = (inner as Attributes[]).map(convert)
    // BatchGetItem answers `Responses` as table name → items; TransactGetItems as a list of `{ Item }`.
    else if (field === 'Responses' && !Array.isArray(inner)) {
      converted[field] = Object.fromEntries(Object.entries(inner as Record<string, Attributes[]>).map(([table, items]) => [table, items.map(convert)]))
    } else converted[field] = convertItems(inner, convert)
  }
  return converted
}

const toWire = (input: unknown) => convertItems(input, (item) => marshall(item, { removeUndefinedValues: true }) as Attributes)
const fromWire = (output: unknown) => convertItems(output, (item) => unmarshall(item as Parameters<typeof unmarshall>[0]))

/** An error DynamoDB answered, named as the SDK names it (`ConditionalCheckFailedException`, …). */
export class DynamoError extends Error {
  readonly $metadata: { httpStatusCode: number; requestId?: string }
  CancellationReasons?: { Code?: string; Message?: string; Item?: Attributes }[];
  [detail: string]: unknown

  constructor(status: number, requestId: string | undefined, body: Document) {
    const type = String(body.__type ?? `HTTP${status}`)
    super(String(body.message ?? body.Message ?? type))
    this.name = type.slice(type.lastIndexOf('#') + 1)
    this.$metadata = { httpStatusCode: status, requestId }
    for (const [field, value] of Object.entries(body)) if (!['__type', 'message', 'Message'].includes(field)) this[field] = value
  }
}

/** What the SDK's standard retry strategy retries: throttling, a server fault, a dropped connection. */
const RETRIED_ERRORS = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'TransactionInProgressException',
])
function retryable(error: unknown): boolean {
  if (error instanceof DynamoError) return error.$metadata.httpStatusCode >= 500 || RETRIED_ERRORS.has(error.name)
  return isNetworkFault(error)
}

export interface DynamoCall {
  operation: string
  /** The command's input as the caller wrote it (plain values, not yet marshalled). */
  input: Document
}

export class DynamoDocumentClient {
  private readonly interceptors = new Interceptors<DynamoCall, Document>()
  private readonly endpoint: AwsEndpoint

  constructor(options: { region: string; endpoint?: string }) {
    this.endpoint = awsEndpoint('dynamodb', options.region, options.endpoint, (domain) => `dynamodb.${options.region}.${domain}`)
  }

  /** `outermost` runs it outside those added before (a count that must see what a later check refuses). */
  intercept(interceptor: Interceptor<DynamoCall, Document>, options?: { outermost?: boolean }): void {
    this.interceptors.add(interceptor, options)
  }

  async send<Input, Output>(command: DynamoCommand<Input, Output>): Promise<Output> {
    const call: DynamoCall = { operation: command.operation, input: command.input as Document }
    return (await this.interceptors.run(call, () => this.request(call.operation, call.input))) as Output
  }

  private async request(operation: string, input: Document): Promise<Document> {
    const body = toWire(input) as Document
    // TransactWriteItems is idempotent by this token for ten minutes: a retry after a dropped answer is not applied twice.
    if (operation === 'TransactWriteItems' && !body.ClientRequestToken) body.ClientRequestToken = randomUUID()
    const payload = JSON.stringify(body, function refuseBinary(this: Document, field: string, value: unknown) {
      // The table holds no binary attributes: the JSON protocol would need them base64-encoded both ways.
      if (this[field] instanceof Uint8Array) throw new TypeError(`binary attribute ${field} is not supported by the DynamoDB client`)
      return value
    })
    try {
      return await withRetries(
        async (attempt) => ({ ...(fromWire(await this.post(operation, payload)) as Document), $metadata: { attempts: attempt } }),
        retryable,
      )
    } catch (error) {
      if (error instanceof DynamoError) {
        if (error.CancellationReasons) error.CancellationReasons = fromWire(error.CancellationReasons) as DynamoError['CancellationReasons']
        if (error.Item) error.Item = unmarshall(error.Item as Parameters<typeof unmarshall>[0])
      }
      throw error
    }
  }

  private async post(operation: string, payload: string): Promise<Document> {
    const answer = await signedRequest(this.endpoint, {
      method: 'POST',
      path: '/',
      headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `DynamoDB_20120810.${operation}` },
      body: payload,
    })
    const text = answer.body.toString('utf8')
    let parsed: Document
    try {
      parsed = text ? JSON.parse(text) : {}
    } catch {
      parsed = { __type: `HTTP${answer.status}`, message: text.slice(0, 200) }
    }
    if (answer.status === 200) return parsed
    throw new DynamoError(answer.status, answer.headers['x-amzn-requestid'] as string | undefined, parsed)
  }
}
