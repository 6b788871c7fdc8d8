import { useCallback, useEffect, useRef, useState } from 'react'
import { showError } from '../../../api/client'

interface CursorPage<T> {
  items: T[]
  /** Absent on the last page. */
  nextCursor?: string
}

/**
 * A list read page by page with the server's cursor. `read` (memoised by the caller) reads one
 * page; a new `read` (new filter, order, kind…) starts again at the first page, and answers of a
 * list restarted meanwhile are dropped. `read` null = not ready to read (no session yet).
 */
export function useCursorList<T>(read: ((cursor: string | undefined) => Promise<CursorPage<T>>) | null) {
  const [items, setItems] = useState<T[]>([])
  const [cursor, setCursor] = useState<string | undefined>(undefined)
  const [end, setEnd] = useState(false)
  const [loaded, setLoaded] = useState(false)
  const [loading, setLoading] = useState<'first' | 'more' | 'refresh' | null>(null)
  const [failed, setFailed] = useState(false)
  const generation = useRef(0)
  const busy = useRef(false)

  const readPage = useCallback(
    async (mode: 'first' | 'more' | 'refresh', after: string | undefined) => {
      if (!read) return
      const mine = mode === 'more' ? generation.current : ++generation.current
      busy.current = true
      setLoading(mode)
      try {
        const page = await read(after)
        if (mine !== generation.current) return
        setItems((shown) => (mode === 'more' ? [...shown, ...page.items] : page.items))
        setCursor(page.nextCursor)
        setEnd(!page.nextCursor)
        setLoaded(true)
        setFailed(false)
      } catch (error) {
        if (mine !== generation.current) return
        setFailed(true)
        showError(error)
      } finally {
        if (mine === generation.current) {
          busy.current = false
          setLoading(null)
        }
      }
    },
    [read],
  )

  useEffect(() => {
    setEnd(false)
    void readPage('first', undefined)
  }, [readPage])

  /** The next page, appended; ignored while a page is read or at the end. After a failure it retries that page. */
  const loadMore = useCallback(() => {
    if (busy.current || end || !loaded || !cursor) return
    void readPage('more', cursor)
  }, [readPage, end, loaded, cursor])

  /** The first page again (pull-to-refresh, back from an item, after a batch). */
  const refresh = useCallback(() => readPage('refresh', undefined), [readPage])

  return { items, loaded, loading, failed, end, loadMore, refresh }
}
