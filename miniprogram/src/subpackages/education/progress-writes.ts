/**
 * The player's progress reports still on their way to the server. Pages that show progress read
 * it only once these have landed: leaving the player sends its last position as the page closes,
 * and a page reading before that write would show the lesson where it was before.
 */
const pending = new Set<Promise<unknown>>()

export function trackProgressWrite<T>(write: Promise<T>): Promise<T> {
  pending.add(write)
  const settled = () => pending.delete(write)
  write.then(settled, settled)
  return write
}

export function progressWritesLanded(): Promise<unknown> {
  return Promise.allSettled([...pending])
}
