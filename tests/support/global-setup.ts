import type { TestProject } from 'vitest/node'
import { startEngines } from '../../functions/local/stack'

declare module 'vitest' {
  export interface ProvidedContext {
    engines: { dynamoEndpoint: string; s3Endpoint: string }
  }
}

/** One DynamoDB Local (in memory) and one S3 server for the whole run; each test file makes its own table. */
export default async function setup(project: TestProject) {
  const engines = await startEngines({})
  project.provide('engines', { dynamoEndpoint: engines.dynamoEndpoint, s3Endpoint: engines.s3Endpoint })
  return () => engines.stop()
}
