import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import type { RouteResponse } from '@shared/api/contract'
import { ApiError, call, showError } from '../api/client'

/** Detail routes that name their record in the path: admissions by 业务编号, the rest by `{id}`. */
type RecordRoute = 'inspectionDetail' | 'claimDetail' | 'feeReview' | 'goodStandingReview' | 'admissionReview'

/**
 * Loads one record as soon as `id` is known (a page's `?id=`, or the row picked beside a desk
 * table), again when the page shows after another page and on pull-to-refresh; `setRecord` takes
 * the answer of an action on it (e.g. a decision), `error` why it could not be loaded.
 */
export function useRecord<N extends RecordRoute>(name: N, id: string | undefined, enabled: boolean) {
  const [record, setShown] = useState<RouteResponse<N> | null>(null)
  const [error, setError] = useState('')
  const loaded = useRef(false)
  /** Bumped by every read and every action's answer: only the latest of them is shown. */
  const latest = useRef(0)

  const reload = useCallback(async () => {
    if (!enabled || !id) return
    const params = name === 'admissionReview' ? { businessNo: id } : { id }
    const mine = ++latest.current
    try {
      const answer = (await call(name as RecordRoute, { params } as never)) as RouteResponse<N>
      // A read sent before a decision and answered after it would show the item undecided again.
      if (mine !== latest.current) return
      setShown(answer)
      loaded.current = true
    } catch (failure) {
      if (mine !== latest.current) return
      setError(failure instanceof ApiError ? failure.message : '加载失败')
      showError(failure)
    } finally {
      Taro.stopPullDownRefresh()
    }
  }, [name, id, enabled])
  const setRecord = useCallback((answer: RouteResponse<N>) => {
    latest.current++
    setShown(answer)
  }, [])
  useEffect(() => void reload(), [reload])
  // Back from another page (a proof, a scan): someone may have decided meanwhile.
  useDidShow(() => {
    if (loaded.current) void reload()
  })
  usePullDownRefresh(() => void reload())
  return { record, setRecord, error, reload }
}
