import { Text, View } from '@tarojs/components'

export default function Index() {
  return (
    <View className="bare">
      <Text id="bare-main">中注协会员服务</Text>
    </View>
  )
}
