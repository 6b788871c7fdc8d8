/**
 * Runtime configuration, read from the environment on each call so that one process (the local
 * runner, a test worker) can point the same handlers at another table or bucket.
 */
function required(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`environment variable ${name} is not set`)
  return value
}

export const config = {
  get tableName() {
    return required('TABLE_NAME')
  },
  get bucketName() {
    return required('BUCKET_NAME')
  },
  /** Set only locally: the embedded engines' loopback endpoints. */
  get dynamoEndpoint() {
    return process.env.DYNAMODB_ENDPOINT
  },
  get s3Endpoint() {
    return process.env.S3_ENDPOINT
  },
  /** Set only locally: the local API server, which answers Lambda's Invoke API for the worker functions. */
  get lambdaEndpoint() {
    return process.env.LAMBDA_ENDPOINT
  },
  /** The worker that builds exports (serverless.yml function `exports`), started by the staff function. */
  get exportsFunctionName() {
    return required('EXPORTS_FUNCTION_NAME')
  },
  get region() {
    return process.env.AWS_REGION ?? 'cn-north-1'
  },
  get jwtSecret() {
    const secret = required('JWT_SECRET')
    if (secret.length < 32) throw new Error('JWT_SECRET must be at least 32 characters')
    return secret
  },
  /** The H5 build's origin (`https://m.…`, the official account's pages): the JS-SDK signs only its pages. */
  get h5Origin() {
    return required('H5_ORIGIN')
  },
  /** Where one-time codes go: the provider adapters, or the local outbox a developer can read. */
  get deliveryMode(): 'outbox' | 'providers' {
    return process.env.DELIVERY_MODE === 'outbox' ? 'outbox' : 'providers'
  },
  /**
   * Local runs and tests: codes go to the outbox, payments to the simulated WeChat Pay, lessons to
   * the simulated player — there is no provider or institute to talk to.
   */
  get localProviders(): boolean {
    return this.deliveryMode === 'outbox'
  },
}
