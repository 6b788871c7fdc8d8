import { Text, View } from '@tarojs/components'
import './ChoiceRow.scss'

/** A form value chosen in a sheet or picker: the value (or a placeholder) and ›. */
export function ChoiceRow(props: { className: string; text: string; placeholder: string; onClick: () => void }) {
  return (
    <View className={`choice-row ${props.className}`} onClick={props.onClick}>
      <Text className={props.text ? '' : 'choice-row__placeholder'}>{props.text || props.placeholder}</Text>
      <Text className="choice-row__arrow">›</Text>
    </View>
  )
}
