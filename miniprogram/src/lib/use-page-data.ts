import { useCallback, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { call, showError } from '../api/client'
import type { RouteName, RouteResponse } from '@shared/api/contract'

/**
 * Loads a GET route when the page shows and again on pull-to-refresh, keeping the last good answer
 * on screen while a reload runs. Only the latest load speaks: one sent before an action (shown
 * again, then paid) and answered after the reload the action asked for would show the old state.
 */
export function usePageData<N extends RouteName>(name: N, enabled: boolean) {
  const [data, setData] = useState<RouteResponse<N> | null>(null)
  const [loading, setLoading] = useState(false)
  const [failed, setFailed] = useState(false)
  const latest = useRef(0)

  const load = useCallback(async () => {
    if (!enabled) return
    const mine = ++latest.current
    setLoading(true)
    try {
      const answer = await call(name)
      if (mine !== latest.current) return
      setData(answer)
      setFailed(false)
    } catch (error) {
      if (mine !== latest.current) return
      setFailed(true)
      showError(error)
    } finally {
      if (mine === latest.current) setLoading(false)
      Taro.stopPullDownRefresh()
    }
  }, [name, enabled])

  useDidShow(() => void load())
  usePullDownRefresh(() => void load())
  return { data, loading, failed, reload: load }
}
