import { Text, View } from '@tarojs/components'
import { Input, Radio } from '@nutui/nutui-react-taro'
import { PROOF_LABELS, type ProofType } from '@shared/api/reset-schemas'
import { FormField } from '../../components/FormField'
import { PrivacyRefusal, usePrivacyConsent } from '../../components/PrivacyConsent'
import type { StepProps } from './step'

/** 其他信息验证: name, full ID number and one 辅助证明材料 of the member's choice. */
export function IdentityPanel({ state, dispatch }: StepProps<'verify'>) {
  const { fields, errors, flow } = state
  const { proofType } = fields
  // A full ID number is asked for here: the privacy guide is agreed to before it can be typed.
  const privacy = usePrivacyConsent(true)
  const locked = !privacy.agreed
  return (
    <View>
      <Text className="reset__note">请填写会员登记的姓名、完整证件号码，并任选一项辅助证明材料。</Text>
      {privacy.refused ? <PrivacyRefusal action="填写身份证件号码进行验证" /> : null}
      <FormField label="姓名" required error={errors.name}>
        <Input
          className="reset__name"
          disabled={locked}
          value={fields.name}
          onChange={(name) => dispatch({ type: 'edit', fields: { name } })}
          placeholder="请输入姓名"
          maxLength={50}
        />
      </FormField>
      <FormField label="证件号码" required error={errors.idNumber}>
        <Input
          className="reset__id-number"
          disabled={locked}
          value={fields.idNumber}
          onChange={(idNumber) => dispatch({ type: 'edit', fields: { idNumber } })}
          placeholder="请输入完整证件号码"
          maxLength={30}
        />
      </FormField>
      <View className="reset__proof-block">
        <Text className="reset__proof-title">
          <Text className="reset__required">*</Text>辅助证明材料（任选一项）
        </Text>
        <Radio.Group
          className="reset__proof-types"
          value={proofType}
          onChange={(value) => dispatch({ type: 'edit', fields: { proofType: value as ProofType } })}
          direction="horizontal"
        >
          {flow.proofTypes.map((type) => (
            <Radio key={type} value={type} shape="button" className={`reset__proof reset__proof--${type}`}>
              {PROOF_LABELS[type]}
            </Radio>
          ))}
        </Radio.Group>
        {errors.proofType ? <Text className="error-text">{errors.proofType}</Text> : null}
      </View>
      <FormField label={PROOF_LABELS[proofType]} required error={errors.proofValue}>
        <Input
          className="reset__proof-value"
          disabled={locked}
          value={fields.proofValue}
          onChange={(proofValue) => dispatch({ type: 'edit', fields: { proofValue } })}
          placeholder={`请输入${PROOF_LABELS[proofType]}`}
          maxLength={100}
        />
      </FormField>
      {privacy.popup}
    </View>
  )
}
