import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { SearchBar } from '@nutui/nutui-react-taro'
import { chinaYear } from '@shared/china-time'
import './list-parts.scss'

/** The years a staff list offers, newest first: this year and the four before (the device's clock). */
export function recentYears(now = new Date()): number[] {
  const year = chinaYear(now)
  return [0, 1, 2, 3, 4].map((back) => year - back)
}

/** A row's second line: the number, unless the item's own subtitle already carries it. */
export function rowMeta(item: { number: string; subtitle: string }): string {
  return item.subtitle.includes(item.number) ? item.subtitle : `${item.number} · ${item.subtitle}`
}

/** Waits this long after the last keystroke before searching, so typing a number does not send a request per digit. */
const SEARCH_PAUSE_MS = 500

/**
 * 会员编号, 业务编号 or a name, whole or its beginning. Searches when typing pauses or at once on the
 * keyboard's 搜索; a cleared box (undefined) shows the whole list again.
 */
export function StaffSearch(props: { className: string; value: string | undefined; onSearch: (q: string | undefined) => void }) {
  const { value, onSearch } = props
  const [text, setText] = useState(value ?? '')
  const timer = useRef<ReturnType<typeof setTimeout>>()
  const latest = useRef({ value, onSearch })
  latest.current = { value, onSearch }

  function commit(raw: string) {
    clearTimeout(timer.current)
    const q = raw.trim() || undefined
    if (q !== latest.current.value) latest.current.onSearch(q)
  }

  useEffect(() => () => clearTimeout(timer.current), [])
  // A search cleared from outside (清除筛选) empties the box too.
  useEffect(() => {
    setText((typed) => ((typed.trim() || undefined) === value ? typed : (value ?? '')))
  }, [value])

  return (
    <SearchBar
      className={`staff-search ${props.className}`}
      shape="round"
      maxLength={40}
      placeholder="会员编号 / 业务编号 / 姓名"
      value={text}
      onChange={(next) => {
        setText(next)
        clearTimeout(timer.current)
        timer.current = setTimeout(() => commit(next), SEARCH_PAUSE_MS)
      }}
      onSearch={(next) => commit(next)}
      onClear={() => {
        setText('')
        commit('')
      }}
    />
  )
}

/** Below a paged list: loading, more to load (tap works too where scrolling cannot reach), the end, or a failed page. */
export function ListFooter(props: { loading: boolean; failed: boolean; end: boolean; onMore: () => void }) {
  if (props.loading) return <Text className="list-footer muted">加载中…</Text>
  if (props.failed) {
    return (
      <Text className="list-footer link" onClick={props.onMore}>
        加载失败，点击重试
      </Text>
    )
  }
  if (props.end) return <Text className="list-footer muted">没有更多了</Text>
  return (
    <View className="list-footer" onClick={props.onMore}>
      <Text className="link">加载更多</Text>
    </View>
  )
}
