import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { routes } from '../../shared/api/contract'
import { DEPLOYED_FUNCTIONS } from '../../shared/api/route-def'
import { ROOT } from '../../scripts/local-settings'

/** Checks the CloudFormation that `npm run package` produced (npm test packages first). */
const templateFile = `${ROOT}/.serverless/cloudformation-template-update-stack.json`

type Resource = { Type: string; Properties: Record<string, any> }

function template(): Record<string, Resource> {
  if (!existsSync(templateFile)) throw new Error('no CloudFormation template: run `npm run package` first')
  return JSON.parse(readFileSync(templateFile, 'utf8')).Resources
}

const capitalised = (group: string) => group[0]!.toUpperCase() + group.slice(1)

describe('packaged CloudFormation', () => {
  const resources = template()
  const byType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type)

  it('deploys one nodejs22.x arm64 function per route group and worker, each with its own role and no secret in plain text', () => {
    const functions = byType('AWS::Lambda::Function')
    expect(functions.map(([name]) => name).sort()).toEqual(DEPLOYED_FUNCTIONS.map((g) => `${capitalised(g)}LambdaFunction`).sort())
    for (const [name, fn] of functions) {
      const group = name.replace(/LambdaFunction$/, '')
      expect(fn.Properties.Runtime).toBe('nodejs22.x')
      expect(fn.Properties.Architectures).toEqual(['arm64'])
      expect(fn.Properties.Role).toEqual({ 'Fn::GetAtt': [`${group}LambdaRole`, 'Arn'] })
      const env = fn.Properties.Environment.Variables
      expect(env.JWT_SECRET).toMatch(/^\{\{resolve:ssm:\/cicpa-member-services\/dev\/jwt-secret\}\}$/)
      expect(env.DELIVERY_MODE).toBe('providers')
      expect(env.TABLE_NAME).toBe('cicpa-member-services-dev')
    }
  })

  it('routes exactly the contract, plus the catch-all 404, through HTTP API', () => {
    const routeKeys = byType('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties.RouteKey as string)
    const expected = Object.values(routes).map((route) => `${route.method} ${route.path}`)
    expect(routeKeys.sort()).toEqual([...expected, '$default'].sort())
  })

  it('grants each role only key-prefixed DynamoDB actions, never Scan or wildcards', () => {
    for (const [name, role] of byType('AWS::IAM::Role')) {
      const statements = role.Properties.Policies.flatMap((policy: any) => policy.PolicyDocument.Statement)
      for (const statement of statements) {
        const actions: string[] = [statement.Action].flat()
        expect(
          actions.some((action) => action.endsWith(':*')),
          `${name} wildcard action`,
        ).toBe(false)
        expect(statement.Resource, `${name} wildcard resource`).not.toBe('*')
        expect(actions, name).not.toContain('dynamodb:Scan')
        const keyed = actions.filter((action) => action.startsWith('dynamodb:') && action !== 'dynamodb:DescribeTable')
        if (keyed.length) expect(statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'], `${name} ${keyed}`).toBeTruthy()
      }
    }
    // Staff create their own export jobs and what a batch-passed decision writes (trail entries, member messages), nothing else.
    const staffStatements = resources.StaffLambdaRole!.Properties.Policies[0].PolicyDocument.Statement
    const staffPuts = staffStatements.filter((s: any) => s.Action.includes('dynamodb:PutItem'))
    expect(staffPuts.flatMap((s: any) => s.Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys']).sort()).toEqual([
      'ADMISSION#*',
      'EXPORT#*',
      'FEE#*',
      'GOODSTANDING#*',
      'INSPECTION#*',
      'MEMBER#*',
    ])
  })

  it('keeps data safe: table with point-in-time recovery and TTL, private encrypted versioned bucket, bounded logs', () => {
    const table = resources.Table!.Properties
    expect(table.BillingMode).toBe('PAY_PER_REQUEST')
    expect(table.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled).toBe(true)
    expect(table.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true })
    expect(table.GlobalSecondaryIndexes.map((index: any) => index.IndexName)).toEqual(['GSI1', 'GSI2', 'GSI3', 'GSI4'])
    const bucket = resources.UploadsBucket!.Properties
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    })
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256')
    expect(bucket.VersioningConfiguration.Status).toBe('Enabled')
    // Uploads never attached, and refused ones (kept as old versions by the versioning), go within a day.
    const abandoned = bucket.LifecycleConfiguration.Rules.find((rule: any) => rule.Id === 'abandoned-uploads')
    expect(abandoned).toMatchObject({ Status: 'Enabled', Prefix: 'pending/', ExpirationInDays: 1, NoncurrentVersionExpiration: { NoncurrentDays: 1 } })
    expect(bucket.CorsConfiguration.CorsRules[0].AllowedMethods).toEqual(expect.arrayContaining(['POST', 'PUT']))
    for (const [, logGroup] of byType('AWS::Logs::LogGroup')) expect(logGroup.Properties.RetentionInDays).toBe(30)
  })
})
