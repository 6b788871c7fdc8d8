import { useCallback, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import type { RouteResponse } from '@shared/api/contract'
import { ApiError, call, showError } from '../api/client'

/** Detail routes that take the record's `{id}` in the path. */
type RecordRoute = 'inspectionDetail' | 'claimDetail'

/**
 * Loads one record (the page's `?id=`) when the page shows and on pull-to-refresh; `setRecord`
 * takes the answer of an action on it (e.g. a decision), `error` why it could not be loaded.
 */
export function useRecord<N extends RecordRoute>(name: N, id: string | undefined, enabled: boolean) {
  const [record, setRecord] = useState<RouteResponse<N> | null>(null)
  const [error, setError] = useState('')

  const reload = useCallback(async () => {
    if (!enabled || !id) return
    try {
      setRecord((await call(name as RecordRoute, { params: { id } })) as RouteResponse<N>)
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : '加载失败')
      showError(failure)
    } finally {
      Taro.stopPullDownRefresh()
    }
  }, [name, id, enabled])
  useDidShow(() => void reload())
  usePullDownRefresh(() => void reload())
  return { record, setRecord, error, reload }
}
