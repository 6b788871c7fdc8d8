import { Logger } from '@aws-lambda-powertools/logger'
import type { BusinessEvent, EventDetails, OperationsLog } from '../ports/operations-log'

/**
 * The one structured logger of every function: JSON lines with the function's request id and
 * cold-start flag (added per invocation by the route handler's middleware). Request bodies are
 * never logged: they may hold ID numbers and passwords.
 */
export const logger = new Logger({ serviceName: 'cicpa-member-services' })

const WARNING_EVENTS: ReadonlySet<BusinessEvent> = new Set(['payment-notification-refused'])

export const operationsLog: OperationsLog = {
  businessEvent(event: BusinessEvent, details: EventDetails) {
    const entry = { businessEvent: event, ...details }
    if (WARNING_EVENTS.has(event)) logger.warn(event, entry)
    else logger.error(event, entry)
  },
}
