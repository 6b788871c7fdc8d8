// Read by serverless.yml (`${file(./functions/infra/iam.cjs)}`): one IAM role per function, built
// from permissions.json. CommonJS because the framework loads variable files with require().
const permissions = require('./permissions.json')

const tableArn = { 'Fn::GetAtt': ['Table', 'Arn'] }
const indexArn = (index) => ({ 'Fn::Join': ['', [tableArn, `/index/${index}`]] })
const bucketArn = { 'Fn::GetAtt': ['UploadsBucket', 'Arn'] }
const objectArn = (prefix) => ({ 'Fn::Join': ['', [bucketArn, `/${prefix}*`]] })

const S3_OBJECT_ACTIONS = new Set(['GetObject', 'PutObject', 'DeleteObject', 'AbortMultipartUpload'])

function roleName(group) {
  return `${group[0].toUpperCase()}${group.slice(1)}LambdaRole`
}

function dynamoStatement({ actions, keys, index }) {
  const statement = {
    Effect: 'Allow',
    Action: actions.map((action) => `dynamodb:${action}`),
    Resource: index ? indexArn(index) : tableArn,
  }
  if (keys.length) statement.Condition = { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': keys } }
  return statement
}

function s3Statements({ actions, prefixes }) {
  const objectActions = actions.filter((action) => S3_OBJECT_ACTIONS.has(action))
  const bucketActions = actions.filter((action) => !S3_OBJECT_ACTIONS.has(action))
  const statements = []
  if (objectActions.length) {
    statements.push({ Effect: 'Allow', Action: objectActions.map((a) => `s3:${a}`), Resource: prefixes.map(objectArn) })
  }
  if (bucketActions.length) {
    const statement = { Effect: 'Allow', Action: bucketActions.map((a) => `s3:${a}`), Resource: bucketArn }
    if (prefixes.length) statement.Condition = { StringLike: { 's3:prefix': prefixes.map((p) => `${p}*`) } }
    statements.push(statement)
  }
  return statements
}

/** Invoking another function of this stack: serverless.yml names each `<stack>-<function key>`. */
function lambdaStatement({ actions, functions }) {
  return {
    Effect: 'Allow',
    Action: actions.map((action) => `lambda:${action}`),
    Resource: functions.map((name) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:\${AWS::StackName}-${name}` })),
  }
}

function role(group, { dynamodb, s3, lambda = [] }) {
  const statements = [
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: { 'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/\${AWS::StackName}-${group}:*` },
    },
    ...dynamodb.filter((s) => !s.localOnly).map(dynamoStatement),
    ...s3.filter((s) => !s.localOnly).flatMap(s3Statements),
    ...lambda.map(lambdaStatement),
  ]
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      Policies: [{ PolicyName: `${group}-least-privilege`, PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
    },
  }
}

module.exports = {
  roleName,
  Resources: Object.fromEntries(
    Object.entries(permissions)
      .filter(([group]) => !group.startsWith('$'))
      .map(([group, rules]) => [roleName(group), role(group, rules)]),
  ),
}
