import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'

/** From this window width on (a PC's browser) staff lists become a table with the item beside it. */
const DESK_MIN_WIDTH = 1024

// Only the H5 build runs in a desk browser; the mini-program always keeps the phone screens.
const isDesk = () => process.env.TARO_ENV === 'h5' && Taro.getWindowInfo().windowWidth >= DESK_MIN_WIDTH

/** Whether the window is wide enough for the desk layout, following the window as it is resized. */
export function useDesk(): boolean {
  const [desk, setDesk] = useState(isDesk)
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return
    const follow = () => setDesk(isDesk())
    Taro.onWindowResize(follow)
    return () => Taro.offWindowResize(follow)
  }, [])
  return desk
}
