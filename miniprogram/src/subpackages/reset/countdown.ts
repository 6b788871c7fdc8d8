import { useEffect, useState } from 'react'

export type Countdown = ReturnType<typeof useResendCountdown>

/** 获取验证码 with the wait the server enforces, counted down on the button. */
export function useResendCountdown() {
  const [secondsLeft, setSecondsLeft] = useState(0)
  useEffect(() => {
    if (secondsLeft <= 0) return
    const timer = setTimeout(() => setSecondsLeft((left) => left - 1), 1000)
    return () => clearTimeout(timer)
  }, [secondsLeft])
  return { secondsLeft, start: (seconds: number) => setSecondsLeft(seconds) }
}
