import { useCallback, useEffect, useMemo, useState } from 'react'
import type { ApprovalKind } from '@shared/approvals'
import type { BatchPassRequest, BatchPassResponse, InboxFilter, InboxItem } from '@shared/api/workbench-schemas'
import { DEFAULT_PAGE_SIZE, type InboxOrder } from '@shared/workbench'
import { call, showError } from '../../../api/client'
import { useCursorList } from './use-cursor-list'

/** Ticked rows (id → the version shown), or every item matching the filter (`count` as counted before confirming). */
export type InboxSelection = { mode: 'items'; items: ReadonlyMap<string, number> } | { mode: 'all'; count: number }

const NOTHING_SELECTED: InboxSelection = { mode: 'items', items: new Map() }

/** Query parameters without the empty values (the server refuses an empty q). */
export function queryOf(values: Record<string, string | number | undefined>): Record<string, string> {
  const query: Record<string, string> = {}
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') query[name] = String(value)
  }
  return query
}

/**
 * One kind's pending list (待审批), shared by the phone list and the desk table: no layout here.
 *
 * - `filter` / `order`: `setFilter` replaces the filter (year, state, from, to, q), `setOrder` the
 *   order; either restarts the list at its first page and clears the selection.
 * - Pages: `items` grow with `loadMore()` (ignored while loading or at the `end`); `refresh()` reads
 *   the first page again. `loading` is 'first' | 'more' | 'refresh' | null; `failed`: the last read
 *   failed (its error was shown as a toast); `loaded` turns true with the first answer; `label` is
 *   the kind's name from the server.
 * - `filtered`: some filter or search is set, so an empty list means "no match" rather than
 *   "nothing waits".
 * - Selection for 批量通过: `toggle(item)`, `selectPage()` (every loaded row), `selectAllMatching()`
 *   (counts the matches with `inboxCount`, selects them all and returns the count, or null when the
 *   count failed), `clearSelection()`; `selectedCount` is what a confirm dialog shows.
 *   `passSelected()` sends the batch (the ticked ids at the versions shown, or the filter with the
 *   confirmed count), reads the list again and returns the server's answer (passed / changed
 *   meanwhile with reasons), or null when the request was refused (its message was shown).
 */
export function useInboxList(kind: ApprovalKind | undefined, options: { enabled: boolean; pageSize?: number }) {
  const { enabled } = options
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE
  const [filter, setFilter] = useState<InboxFilter>({})
  const [order, setOrder] = useState<InboxOrder>('oldest')
  const [label, setLabel] = useState('')
  const [selection, setSelection] = useState<InboxSelection>(NOTHING_SELECTED)
  const [passing, setPassing] = useState(false)

  const read = useMemo(() => {
    if (!kind || !enabled) return null
    return async (cursor: string | undefined) => {
      const page = await call('inboxItems', { params: { kind }, query: queryOf({ ...filter, order, limit: pageSize, cursor }) })
      setLabel(page.label)
      return page
    }
  }, [kind, enabled, filter, order, pageSize])
  const list = useCursorList(read)

  // What was ticked belongs to the list it was ticked in.
  useEffect(() => {
    if (read) setSelection(NOTHING_SELECTED)
  }, [read])

  const toggle = useCallback((item: InboxItem) => {
    setSelection((current) => {
      const ticked = new Map(current.mode === 'items' ? current.items : [])
      if (ticked.has(item.id)) ticked.delete(item.id)
      else ticked.set(item.id, item.version)
      return { mode: 'items', items: ticked }
    })
  }, [])

  const { items, refresh } = list
  const selectPage = useCallback(() => setSelection({ mode: 'items', items: new Map(items.map((item) => [item.id, item.version])) }), [items])
  const clearSelection = useCallback(() => setSelection(NOTHING_SELECTED), [])

  const selectAllMatching = useCallback(async (): Promise<number | null> => {
    if (!kind) return null
    try {
      const { count } = await call('inboxCount', { params: { kind }, query: queryOf(filter) })
      setSelection({ mode: 'all', count })
      return count
    } catch (error) {
      showError(error)
      return null
    }
  }, [kind, filter])

  const passSelected = useCallback(async (): Promise<BatchPassResponse | null> => {
    if (!kind) return null
    const body: BatchPassRequest =
      selection.mode === 'all' ? { filter, expectedCount: selection.count } : { items: [...selection.items].map(([id, version]) => ({ id, version })) }
    setPassing(true)
    try {
      const answer = await call('batchPass', { params: { kind }, body })
      setSelection(NOTHING_SELECTED)
      await refresh()
      return answer
    } catch (error) {
      showError(error)
      return null
    } finally {
      setPassing(false)
    }
  }, [kind, filter, selection, refresh])

  const filtered = Object.keys(queryOf(filter)).length > 0
  const selectedCount = selection.mode === 'all' ? selection.count : selection.items.size

  return {
    ...list,
    label,
    filter,
    setFilter,
    filtered,
    order,
    setOrder,
    selection,
    selectedCount,
    toggle,
    selectPage,
    selectAllMatching,
    clearSelection,
    passSelected,
    passing,
  }
}
