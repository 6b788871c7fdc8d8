import { useCallback, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { call, showError } from '../api/client'
import type { RouteName, RouteResponse } from '@shared/api/contract'

/**
 * Loads a GET route when the page shows and again on pull-to-refresh, keeping the last good answer
 * on screen while a reload runs.
 */
export function usePageData<N extends RouteName>(name: N, enabled: boolean) {
  const [data, setData] = useState<RouteResponse<N> | null>(null)
  const [loading, setLoading] = useState(false)
  const [failed, setFailed] = useState(false)

  const load = useCallback(async () => {
    if (!enabled) return
    setLoading(true)
    try {
      setData(await call(name))
      setFailed(false)
    } catch (error) {
      setFailed(true)
      showError(error)
    } finally {
      setLoading(false)
      Taro.stopPullDownRefresh()
    }
  }, [name, enabled])

  useDidShow(() => void load())
  usePullDownRefresh(() => void load())
  return { data, loading, failed, reload: load }
}
