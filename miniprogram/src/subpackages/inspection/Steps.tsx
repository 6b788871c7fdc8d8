import { Text, View } from '@tarojs/components'
import './Steps.scss'

const STEPS = ['完善信息', '年检申请', '完成'] as const

/**
 * Where the member is in the 年检 flow (seed 003, 2.1.3: 完善信息 → 年检申请 → 完成): steps done
 * carry a tick, the current one is filled in.
 */
export function InspectionSteps({ current }: { current: (typeof STEPS)[number] }) {
  const at = STEPS.indexOf(current)
  return (
    <View className="inspection-steps" role="list" aria-label="年检申请步骤">
      {STEPS.map((step, index) => {
        const state = index < at ? 'done' : index === at ? 'current' : 'todo'
        return (
          <View
            key={step}
            className={`inspection-steps__step inspection-steps__step--${state}`}
            role="listitem"
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <Text className="inspection-steps__mark">{state === 'done' ? '✓' : index + 1}</Text>
            <Text className="inspection-steps__label">{step}</Text>
          </View>
        )
      })}
    </View>
  )
}
