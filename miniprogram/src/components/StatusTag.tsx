import type { ReactNode } from 'react'
import { Tag } from '@nutui/nutui-react-taro'
import { type Tone, toneOf } from '../lib/status-tone'

interface TagProps {
  children: ReactNode
  className?: string
  plain?: boolean
}

/** A tag in a tone; the not-yet tone in grey rather than NutUI's default black, which reads like an alarm. */
export function ToneTag(props: TagProps & { tone: Tone }) {
  return props.tone === 'default' ? (
    <Tag className={props.className} background="#f2f3f5" color="var(--color-text-secondary)">
      {props.children}
    </Tag>
  ) : (
    <Tag className={props.className} type={props.tone} plain={props.plain}>
      {props.children}
    </Tag>
  )
}

/** A state as a tag, in the tone the one colour map gives it (lib/status-tone.ts). */
export function StatusTag(props: TagProps & { state: string }) {
  const { state, ...tag } = props
  return <ToneTag {...tag} tone={toneOf(state)} />
}
