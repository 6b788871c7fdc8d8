import { AsyncLocalStorage } from 'node:async_hooks'
import type { S3Client } from '@aws-sdk/client-s3'
import type { LambdaClient } from '@aws-sdk/client-lambda'
import type { DynamoDocumentClient } from '../adapters/dynamo-client'
import type { S3StreamUpload } from '../adapters/s3-upload'
import permissions from '../infra/permissions.json' with { type: 'json' }

/**
 * Locally there is no IAM, so a handler could touch keys its deployed role may not. The local
 * runner records which function is running (`asFunction`) and these middlewares refuse any SDK call
 * that the function's role in permissions.json would not allow, as AWS would (AccessDenied).
 * Scan is in no role, so no request path can Scan.
 */
interface DynamoRule {
  actions: string[]
  keys: string[]
  index?: string
}
interface S3Rule {
  actions: string[]
  prefixes: string[]
}
/** Which worker functions (serverless.yml function keys) a function may invoke. */
interface LambdaRule {
  actions: string[]
  functions: string[]
}
type Group = Exclude<keyof typeof permissions, '$comment'>
const rules = permissions as unknown as Record<Group, { dynamodb: DynamoRule[]; s3: S3Rule[]; lambda?: LambdaRule[] }>

const running = new AsyncLocalStorage<{ group: Group }>()

export function asFunction<T>(group: string, work: () => Promise<T>): Promise<T> {
  return running.run({ group: group as Group }, work)
}

class AccessDenied extends Error {
  override name = 'AccessDeniedException'
}

const glob = (pattern: string) =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  )

interface DynamoAccess {
  action: string
  index?: string
  leadingKey?: string
}

/** Requests reach the emulation with their plain input (attribute values not yet marshalled). */
type AttributeMap = Record<string, unknown>
const pk = (item: AttributeMap | undefined) => (typeof item?.PK === 'string' ? item.PK : undefined)

function queryPartition(input: any): string | undefined {
  const names: Record<string, string> = input.ExpressionAttributeNames ?? {}
  for (const [, name, value] of String(input.KeyConditionExpression ?? '').matchAll(/(#?\w+)\s*=\s*(:\w+)/g)) {
    const attribute = names[name!] ?? name!
    if (/^(PK|GSI\dPK)$/.test(attribute)) return pk({ PK: input.ExpressionAttributeValues?.[value!] })
  }
  return undefined
}

function dynamoAccesses(operation: string, input: any): DynamoAccess[] {
  switch (operation) {
    case 'GetItem':
    case 'DeleteItem':
    case 'UpdateItem':
      return [{ action: operation, leadingKey: pk(input.Key) }]
    case 'PutItem':
      return [{ action: 'PutItem', leadingKey: pk(input.Item) }]
    case 'Query':
      return [{ action: 'Query', index: input.IndexName, leadingKey: queryPartition(input) }]
    case 'TransactWriteItems':
      return (input.TransactItems ?? []).map((item: any) => {
        if (item.Put) return { action: 'PutItem', leadingKey: pk(item.Put.Item) }
        if (item.Update) return { action: 'UpdateItem', leadingKey: pk(item.Update.Key) }
        if (item.Delete) return { action: 'DeleteItem', leadingKey: pk(item.Delete.Key) }
        return { action: 'ConditionCheckItem', leadingKey: pk(item.ConditionCheck?.Key) }
      })
    case 'TransactGetItems':
      return (input.TransactItems ?? []).map((item: any) => ({ action: 'GetItem', leadingKey: pk(item.Get?.Key) }))
    case 'BatchGetItem':
      return Object.values<any>(input.RequestItems ?? {}).flatMap((request) =>
        request.Keys.map((key: AttributeMap) => ({ action: 'GetItem', leadingKey: pk(key) })),
      )
    case 'BatchWriteItem':
      return Object.values<any>(input.RequestItems ?? {}).flatMap((requests) =>
        requests.map((request: any) =>
          request.PutRequest
            ? { action: 'PutItem', leadingKey: pk(request.PutRequest.Item) }
            : { action: 'DeleteItem', leadingKey: pk(request.DeleteRequest.Key) },
        ),
      )
    default:
      return [{ action: operation }]
  }
}

function dynamoAllowed(group: Group, access: DynamoAccess): boolean {
  return rules[group].dynamodb.some(
    (rule) =>
      rule.actions.includes(access.action) &&
      (rule.index ?? undefined) === access.index &&
      (rule.keys.length === 0 || (access.leadingKey !== undefined && rule.keys.some((key) => glob(key).test(access.leadingKey!)))),
  )
}

const S3_ACTIONS: Record<string, string> = {
  PutObjectCommand: 'PutObject',
  GetObjectCommand: 'GetObject',
  HeadObjectCommand: 'GetObject',
  DeleteObjectCommand: 'DeleteObject',
  // A multipart upload writes the object: AWS checks PutObject for each of its requests.
  CreateMultipartUploadCommand: 'PutObject',
  UploadPartCommand: 'PutObject',
  CompleteMultipartUploadCommand: 'PutObject',
  AbortMultipartUploadCommand: 'AbortMultipartUpload',
  HeadBucketCommand: 'ListBucket',
  ListObjectsV2Command: 'ListBucket',
}

/** A copy reads its source and writes its target: the role needs both, as on AWS. */
function s3Accesses(command: string, input: any): { action: string | undefined; key: string }[] {
  if (command === 'CopyObjectCommand') {
    const source = decodeURIComponent(String(input.CopySource))
    return [
      { action: 'GetObject', key: source.slice(source.indexOf('/') + 1) },
      { action: 'PutObject', key: input.Key },
    ]
  }
  return [{ action: S3_ACTIONS[command], key: input.Key ?? input.Prefix ?? '' }]
}

function s3Allowed(group: Group, command: string, input: any): boolean {
  return s3Accesses(command, input).every(
    ({ action, key }) =>
      action !== undefined &&
      rules[group].s3.some((rule) => rule.actions.includes(action) && (rule.prefixes.length === 0 || rule.prefixes.some((prefix) => key.startsWith(prefix)))),
  )
}

const instrumented = new WeakSet<object>()

/** `IAM_EMULATION=record` lists what would be denied without refusing it (to write permissions.json). */
function deny(message: string) {
  if (process.env.IAM_EMULATION === 'record') console.warn(JSON.stringify({ iam: 'would-deny', message }))
  else throw new AccessDenied(`${message} (functions/infra/permissions.json)`)
}

/** Locally a function's name is its serverless.yml key (EXPORTS_FUNCTION_NAME=exports). */
function invokeAllowed(group: Group, functionName: string): boolean {
  return (rules[group].lambda ?? []).some((rule) => rule.actions.includes('InvokeFunction') && rule.functions.includes(functionName))
}

export function enforceRoles(clients: { dynamo: DynamoDocumentClient; s3: S3Client; s3Uploads: S3StreamUpload; lambda?: LambdaClient }) {
  const { lambda } = clients
  if (lambda && !instrumented.has(lambda)) {
    instrumented.add(lambda)
    lambda.middlewareStack.add(
      (next, context) => async (args) => {
        const current = running.getStore()
        const functionName = String((args.input as { FunctionName?: string }).FunctionName)
        if (current && (context.commandName !== 'InvokeCommand' || !invokeAllowed(current.group, functionName))) {
          deny(`${current.group} may not ${context.commandName} ${functionName}`)
        }
        return next(args)
      },
      { step: 'initialize', name: 'localIamEmulation' },
    )
  }
  if (!instrumented.has(clients.dynamo)) {
    instrumented.add(clients.dynamo)
    clients.dynamo.intercept(async ({ operation, input }, proceed) => {
      const current = running.getStore()
      if (current) {
        for (const access of dynamoAccesses(operation, input)) {
          if (!dynamoAllowed(current.group, access)) {
            deny(`${current.group} may not ${access.action}${access.index ? ` on ${access.index}` : ''} ${access.leadingKey ?? ''}`)
          }
        }
      }
      return proceed()
    })
  }
  if (!instrumented.has(clients.s3Uploads)) {
    instrumented.add(clients.s3Uploads)
    clients.s3Uploads.intercept(async ({ operation, key }, proceed) => {
      const current = running.getStore()
      if (current && !s3Allowed(current.group, `${operation}Command`, { Key: key })) deny(`${current.group} may not ${operation} ${key}`)
      return proceed()
    })
  }
  if (!instrumented.has(clients.s3)) {
    instrumented.add(clients.s3)
    clients.s3.middlewareStack.add(
      (next, context) => async (args) => {
        const current = running.getStore()
        if (current && !s3Allowed(current.group, context.commandName!, args.input)) {
          deny(`${current.group} may not ${context.commandName} ${(args.input as any).Key ?? (args.input as any).Prefix ?? ''}`)
        }
        return next(args)
      },
      { step: 'initialize', name: 'localIamEmulation' },
    )
  }
}
