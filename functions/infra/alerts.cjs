// Read by serverless.yml (`${file(./functions/infra/alerts.cjs)}`): every function's log group
// counts the lines that carry `businessEvent` (functions/ports/operations-log.ts) into one metric,
// one dimension per event, so an alarm can watch a payment mismatch or a failed delivery.
const permissions = require('./permissions.json')

const NAMESPACE = 'cicpa-member-services'
const logGroup = (group) => `${group[0].toUpperCase()}${group.slice(1)}LogGroup`

function metricFilter(group) {
  return {
    Type: 'AWS::Logs::MetricFilter',
    Properties: {
      LogGroupName: { Ref: logGroup(group) },
      FilterPattern: '{ $.businessEvent = "*" }',
      MetricTransformations: [
        { MetricNamespace: NAMESPACE, MetricName: 'BusinessEvents', MetricValue: '1', Unit: 'Count', Dimensions: [{ Key: 'event', Value: '$.businessEvent' }] },
      ],
    },
  }
}

/** Money that does not match an order is never routine: one occurrence pages whoever is on call. */
const paymentMismatchAlarm = {
  Type: 'AWS::CloudWatch::Alarm',
  Properties: {
    AlarmDescription: '支付通知金额与订单不符（businessEvent = payment-amount-mismatch）',
    Namespace: NAMESPACE,
    MetricName: 'BusinessEvents',
    Dimensions: [{ Name: 'event', Value: 'payment-amount-mismatch' }],
    Statistic: 'Sum',
    Period: 300,
    EvaluationPeriods: 1,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'notBreaching',
  },
}

module.exports = {
  Resources: {
    ...Object.fromEntries(
      Object.keys(permissions)
        .filter((group) => !group.startsWith('$'))
        .map((group) => [`${logGroup(group).replace(/LogGroup$/, '')}BusinessEventFilter`, metricFilter(group)]),
    ),
    PaymentMismatchAlarm: paymentMismatchAlarm,
  },
}
