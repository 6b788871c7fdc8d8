import { useState } from 'react'
import { DatePicker } from '@nutui/nutui-react-taro'
import dayjs from 'dayjs'
import { ChoiceRow } from './ChoiceRow'

/** A YYYY-MM-DD date picked from a wheel between `from` and `to`, starting at `initial` until one is chosen. */
export function DateRow(props: { className: string; title: string; value: string; from: Date; to: Date; initial: Date; onChange: (value: string) => void }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <ChoiceRow className={props.className} text={props.value} placeholder="请选择日期" onClick={() => setOpen(true)} />
      {open ? (
        <DatePicker
          visible
          type="date"
          title={props.title}
          showChinese
          startDate={props.from}
          endDate={props.to}
          defaultValue={props.value ? dayjs(props.value).toDate() : props.initial}
          onConfirm={(_options, selected) => props.onChange(selected.map((part) => String(part).padStart(2, '0')).join('-'))}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  )
}
