import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Grid, Skeleton, Tag } from '@nutui/nutui-react-taro'
import { PAGES } from '../../lib/session'
import { usePageData } from '../../lib/use-page-data'
import { useRequiredSession } from '../../lib/use-session'
import './index.scss'

const ENTRIES = [
  { text: '我的', icon: '我', url: PAGES.mine },
  { text: '联系方式', icon: '电', url: PAGES.contacts },
]

export default function MemberHomePage() {
  const session = useRequiredSession(['member'])
  const { data: profile, failed, reload } = usePageData('profile', Boolean(session && !session.user.mustChangePassword))
  const member = profile?.kind === 'member' ? profile : null

  return (
    <View className="home page">
      <View className="card home__header">
        {member ? (
          <>
            <View className="home__name-row">
              <Text className="home__name">{member.name}</Text>
              <Tag type={member.status === '正常' ? 'success' : 'warning'}>{member.status}</Tag>
            </View>
            <Text className="home__meta">会员编号 {member.memberNo}</Text>
            <Text className="home__meta">{member.association.name}</Text>
          </>
        ) : failed ? (
          <Text className="link" onClick={() => void reload()}>
            加载失败，点击重试
          </Text>
        ) : (
          <Skeleton rows={3} animated />
        )}
      </View>

      <View className="card home__entries">
        <Grid columns={4} className="home__grid">
          {ENTRIES.map((entry) => (
            <Grid.Item key={entry.text} text={entry.text} onClick={() => void Taro.navigateTo({ url: entry.url })}>
              <View className="home__icon">
                <Text>{entry.icon}</Text>
              </View>
            </Grid.Item>
          ))}
        </Grid>
      </View>
    </View>
  )
}
