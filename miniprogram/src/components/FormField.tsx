import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import './FormField.scss'

/**
 * A labelled input row: `*` marks required fields, the field's own error shows right under it.
 * `stacked` puts the label above the control, which then has the whole width (a text of several lines).
 */
export function FormField(props: { label: string; required?: boolean; error?: string; stacked?: boolean; children: ReactNode; extra?: ReactNode }) {
  return (
    <View className={`form-field ${props.stacked ? 'form-field--stacked' : ''} ${props.error ? 'form-field--invalid' : ''}`}>
      <View className="form-field__row">
        <Text className="form-field__label">
          {props.required ? <Text className="form-field__required">*</Text> : null}
          {props.label}
        </Text>
        <View className="form-field__control">{props.children}</View>
        {props.extra}
      </View>
      {props.error ? <Text className="form-field__error">{props.error}</Text> : null}
    </View>
  )
}
