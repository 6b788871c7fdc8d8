import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Collapse, Empty, SearchBar } from '@nutui/nutui-react-taro'
import { CICPA_CONTACTS, GUANGDONG_CITY_CONTACTS, LOCAL_ASSOCIATIONS, type Association } from '@shared/associations'
import { PhoneLinks } from '../../components/PhoneLink'
import { callPhone } from '../../lib/platform'
import './index.scss'

function phoneRows(association: Association): [string, string][] {
  const { practisingPhone, nonPractisingPhone, firmPhone } = association
  if (practisingPhone === nonPractisingPhone && nonPractisingPhone === firmPhone) return [['咨询电话', nonPractisingPhone]]
  return [
    ['非执业会员', nonPractisingPhone],
    ['执业会员', practisingPhone],
    ['单位会员', firmPhone],
  ]
}

/** 联系方式: the seed's table of local associations and CICPA contacts; open without logging in. */
export default function ContactsPage() {
  const [keyword, setKeyword] = useState('')
  const associations = useMemo(() => LOCAL_ASSOCIATIONS.filter((a) => a.name.includes(keyword.trim())), [keyword])

  return (
    <View className="contacts page">
      <SearchBar className="contacts__search" value={keyword} onChange={setKeyword} placeholder="搜索地区，如 浙江" />

      <Text className="section-title">各地方注协（{associations.length}）</Text>
      {associations.length === 0 ? <Empty image={<View />} title="没有找到该地区的注协" description="请换个关键词，如“广东”" /> : null}
      {associations.map((association) => (
        <View key={association.code} className="card contacts__item">
          <Text className="contacts__name">{association.name}</Text>
          {phoneRows(association).map(([label, phone]) => (
            <View key={label} className="contacts__row">
              <Text className="muted contacts__label">{label}</Text>
              <View className="contacts__phones">
                <PhoneLinks published={phone} />
              </View>
            </View>
          ))}
        </View>
      ))}

      <Text className="section-title">中国注册会计师协会</Text>
      {CICPA_CONTACTS.map((contact) => (
        <View key={contact.label} className="card contacts__item">
          <Text className="contacts__name">{contact.label}</Text>
          <View className="contacts__phones">
            {contact.phones.map((phone) => (
              <Text key={phone} className="phone-link link" onClick={() => callPhone(phone)}>
                {phone}
              </Text>
            ))}
          </View>
          {contact.email ? <Text className="muted">邮箱：{contact.email}</Text> : null}
        </View>
      ))}

      <Collapse className="contacts__guangdong">
        <Collapse.Item title="广东省各市注协联系方式" name="guangdong">
          {GUANGDONG_CITY_CONTACTS.map((city) => (
            <View key={city.city} className="contacts__row contacts__city">
              <Text className="contacts__label contacts__city-name">{city.city}</Text>
              <View className="contacts__city-detail">
                <Text className="phone-link link" onClick={() => callPhone(city.phone)}>
                  {city.phone}
                </Text>
                <Text className="muted">{city.address}</Text>
              </View>
            </View>
          ))}
        </Collapse.Item>
      </Collapse>
    </View>
  )
}
