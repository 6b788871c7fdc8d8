import { config } from '../config'
import type { Outbox } from '../ports/outbox'
import { dynamoOutbox } from './outbox-dynamo'

/**
 * The local outbox, when this deployment delivers to it (local runs and tests). Captcha answers
 * are copied there only then: in production an answer exists only in the image.
 */
export function localOutbox(): Outbox | null {
  return config.localProviders ? dynamoOutbox : null
}
