// Placeholder page: proves the NutUI + Taro build path. Replaced by the real login page.
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import './index.scss'

export default function LoginPage() {
  const [value, setValue] = useState('')
  return (
    <View className="login">
      <Text className="login__title">登录</Text>
      <Input className="login__input" placeholder="请输入手机号" value={value} onChange={setValue} />
      <Button type="primary" block>
        登录
      </Button>
    </View>
  )
}
