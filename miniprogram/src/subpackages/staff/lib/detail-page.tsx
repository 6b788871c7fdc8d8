import type { ComponentType } from 'react'
import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { SessionUser } from '@shared/api/schemas'
import type { Role } from '@shared/roles'
import { useRequiredSession } from '../../../lib/use-session'

/** What a staff item's detail needs, whether it fills a phone page or sits beside the desk table. */
export interface DetailProps {
  id: string
  user: SessionUser
  /** The item was decided here: a page may go back, the desk reads its list again. */
  onDecided?: () => void
}

/** A staff item's detail as a page of its own (phones; links from a scan or a message): the item is the route's `?id=`. */
export function DetailPage(props: { roles: readonly Role[]; detail: ComponentType<DetailProps>; onDecided?: () => void }) {
  const session = useRequiredSession(props.roles)
  const { id } = useRouter().params
  const Detail = props.detail
  const ready = session && !session.user.mustChangePassword && props.roles.includes(session.user.role) && id
  return <View className="page">{ready ? <Detail id={id} user={session.user} onDecided={props.onDecided} /> : null}</View>
}
