import type { TestProject } from 'vitest/node'
import { startEngines } from '../../functions/local/stack'

declare module 'vitest' {
  export interface ProvidedContext {
    engines: { dynamoEndpoint: string; s3Endpoint: string }
  }
}

/**
 * One engine for the whole run — the embedded moto (in memory, DynamoDB and S3 on one port), or the
 * one DYNAMODB_ENDPOINT / S3_ENDPOINT name; each test file makes its own table and bucket on it.
 */
export default async function setup(project: TestProject) {
  const engines = await startEngines({})
  project.provide('engines', { dynamoEndpoint: engines.dynamoEndpoint, s3Endpoint: engines.s3Endpoint })
  return () => engines.stop()
}
