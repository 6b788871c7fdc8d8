import { Text, View } from '@tarojs/components'
import { Switch } from '@nutui/nutui-react-taro'
import { FormField } from '../../../components/FormField'
import type { FormKit } from './fields'
import { ChoiceInput, DateInput, TextInput } from './Inputs'

/** 资格与入会: the certificate, any former practice, and the association applied to. */
export function QualificationSection({ form }: { form: FormKit }) {
  const { values } = form
  return (
    <>
      <Text className="section-title">资格与入会</Text>
      <View className="card">
        <TextInput form={form} field="certificateNo" label="合格证号" placeholder="全科合格证号（证书丢失可直接填写）" maxLength={40} />
        <DateInput form={form} field="certificateDate" label="取得日期" problem={form.problems.certificateDate} />
        <FormField label="曾执业" error={form.errors.formerPractising}>
          <View className="admission-form__switch">
            <Text className="muted">曾为执业注册会计师</Text>
            <Switch className="admission-form__former" checked={values.formerPractising} onChange={(checked) => form.update({ formerPractising: checked })} />
          </View>
        </FormField>
        {values.formerPractising ? <DateInput form={form} field="deregisteredOn" label="注销日期" problem={form.problems.deregisteredOn} /> : null}
        <ChoiceInput form={form} field="associationCode" label="所属注协" />
        <Text className="muted admission-form__note">境外考生请选择“中国注册会计师协会（境外申请人）”。</Text>
      </View>
    </>
  )
}
