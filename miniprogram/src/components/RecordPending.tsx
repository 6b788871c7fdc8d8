import { Text, View } from '@tarojs/components'
import { Skeleton } from '@nutui/nutui-react-taro'

/** A record's screen before the record has arrived: the loading skeleton, or why it could not load. */
export function RecordPending(props: { className: string; error: string }) {
  return (
    <View className={props.className}>
      {props.error ? (
        <Text className="muted">{props.error}</Text>
      ) : (
        <View className="card">
          <Skeleton rows={8} animated />
        </View>
      )}
    </View>
  )
}
