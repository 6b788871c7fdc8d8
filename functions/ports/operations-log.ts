/**
 * What an operator is alerted on. Every one is logged under the single key `businessEvent`, which
 * the deployment's metric filter counts (functions/infra/alerts.cjs), so adding an event here is
 * all it takes for it to reach an alarm.
 */
export type BusinessEvent =
  | 'payment-notification-refused'
  | 'payment-amount-mismatch'
  | 'payment-for-settled-fee'
  | 'delivery-failed'
  | 'export-failed'
  | 'personal-export-failed'

export type EventDetails = Record<string, string | number | boolean | undefined>

export interface OperationsLog {
  businessEvent(event: BusinessEvent, details: EventDetails): void
}
