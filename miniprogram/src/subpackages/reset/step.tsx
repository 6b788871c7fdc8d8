import type { Dispatch } from 'react'
import { Text } from '@tarojs/components'
import { ApiError } from '../../api/client'
import type { ResetAction, ResetState, StepState } from './flow'

export interface StepProps<S extends ResetState['step']> {
  state: StepState<S>
  dispatch: Dispatch<ResetAction>
}

/** Runs one request; its field errors show under the fields and anything else above the button. */
export async function request(dispatch: Dispatch<ResetAction>, action: () => Promise<void>) {
  dispatch({ type: 'sending' })
  try {
    await action()
  } catch (error) {
    const failure = error instanceof ApiError ? error : new ApiError(500, 'INTERNAL', '系统繁忙，请稍后再试')
    dispatch({ type: 'failed', message: failure.message, fieldErrors: failure.fieldErrors })
  } finally {
    dispatch({ type: 'settled' })
  }
}

export function FormError({ message }: { message: string }) {
  return message ? <Text className="error-text reset__form-error">{message}</Text> : null
}
