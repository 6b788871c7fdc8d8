/**
 * An adapter's conditional write found the item changed since it was read (or already there), so
 * nothing was written. Adapters signal it instead of wording a message: the use case knows what
 * the member was doing and says so (`expectFresh` in functions/usecases/errors.ts).
 */
export class StaleWrite extends Error {
  override readonly name = 'StaleWrite'

  constructor(detail = 'conditional write lost') {
    super(detail)
  }
}
