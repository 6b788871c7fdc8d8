import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Empty } from '@nutui/nutui-react-taro'
import './desk-parts.scss'

/** One filter as a row of choices: a desk has room to show them all at once. */
export function Choices<T extends string | number>(props: {
  label: string
  options: readonly T[]
  text: (option: T) => string
  value: T | undefined
  onChange: (value: T | undefined) => void
  all?: boolean
}) {
  const choice = (value: T | undefined, text: string) => (
    <View
      key={text}
      className={`desk-choice ${props.value === value ? 'desk-choice--on' : ''}`}
      role="radio"
      aria-checked={props.value === value}
      onClick={() => props.onChange(value)}
    >
      {text}
    </View>
  )
  return (
    <View className="desk-filters__group" role="radiogroup" aria-label={props.label}>
      <Text className="desk-filters__label">{props.label}</Text>
      {props.all === false ? null : choice(undefined, '全部')}
      {props.options.map((option) => choice(option, props.text(option)))}
    </View>
  )
}

export interface DeskColumn<T> {
  head: ReactNode
  cell: (item: T) => ReactNode
  className?: string
}

/**
 * A staff list at a desk (H5, wide window): what narrows it above a table, paging below, and the
 * chosen row's own detail beside it. Which row is chosen, and what follows a decision, stays with
 * the list that uses it.
 */
export function DeskTable<T>(props: {
  title: string
  /** The table's accessible name. */
  label: string
  above: ReactNode
  columns: DeskColumn<T>[]
  items: T[]
  rowKey: (item: T) => string
  selected: string | null
  onSelect: (key: string) => void
  below: ReactNode
  /** The chosen row's detail; null until a row is chosen. */
  detail: ReactNode
}) {
  return (
    <View className="staff-desk">
      <View className="staff-desk__main">
        <View className="staff-desk__head">
          <Text className="staff-desk__title">{props.title}</Text>
        </View>
        {props.above}
        <View className="desk-table" role="table" aria-label={props.label}>
          <View role="rowgroup">
            <View className="desk-table__row desk-table__row--head" role="row">
              {props.columns.map((column, at) => (
                <View key={at} className={`desk-table__cell ${column.className ?? ''}`} role="columnheader">
                  {column.head}
                </View>
              ))}
            </View>
          </View>
          <View role="rowgroup">
            {props.items.map((item) => {
              const key = props.rowKey(item)
              return (
                <View
                  key={key}
                  className={`desk-table__row ${key === props.selected ? 'desk-table__row--selected' : ''}`}
                  role="row"
                  aria-selected={key === props.selected}
                  onClick={() => props.onSelect(key)}
                >
                  {props.columns.map((column, at) => (
                    <View key={at} className={`desk-table__cell ${column.className ?? ''}`} role="cell">
                      {column.cell(item)}
                    </View>
                  ))}
                </View>
              )
            })}
          </View>
        </View>
        {props.below}
      </View>

      <View className="staff-desk__detail" role="region" aria-label="事项详情">
        {props.detail ?? <Empty image={<View />} title="选择左侧表格中的一项查看详情" />}
      </View>
    </View>
  )
}
