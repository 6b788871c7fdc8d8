import { Text } from '@tarojs/components'
import { dialableNumbers } from '@shared/associations'
import { callPhone } from '../lib/platform'

/** A published number, each alternative tappable to dial. */
export function PhoneLinks({ published }: { published: string }) {
  return (
    <>
      {dialableNumbers(published).map((number) => (
        <Text key={number} className="phone-link link" onClick={() => callPhone(number)}>
          {number}
        </Text>
      ))}
    </>
  )
}
