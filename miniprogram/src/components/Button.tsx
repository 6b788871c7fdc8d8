import { Button as NutButton, type ButtonProps } from '@nutui/nutui-react-taro'

/**
 * NutUI's Button keeps `disabled` to itself (on H5 the rendered button only gets a class), so
 * screen readers — and tests asking the page — could not tell a disabled button from a live one.
 */
export function Button(props: Partial<ButtonProps>) {
  return <NutButton {...props} aria-disabled={Boolean(props.disabled || props.loading)} />
}
