import { Text, View } from '@tarojs/components'
import { MAINLAND_ID } from '@shared/admission'
import { idNumberChanges, type FormKit } from './fields'
import { ChoiceInput, DateInput, TextInput } from './Inputs'

/** 基本信息, 证件信息 and 联系与工作: who the applicant is and where to reach them. */
export function PersonSections({ form }: { form: FormKit }) {
  const mainland = form.values.idType === MAINLAND_ID
  return (
    <>
      <Text className="section-title">基本信息</Text>
      <View className="card">
        <TextInput form={form} field="name" label="姓名" placeholder="与证件一致" maxLength={30} />
        <ChoiceInput form={form} field="gender" label="性别" />
        <ChoiceInput form={form} field="ethnicity" label="民族" />
        <DateInput form={form} field="birthDate" label="出生日期" />
        <ChoiceInput form={form} field="politicalStatus" label="政治面貌" />
        <ChoiceInput form={form} field="education" label="学历" />
      </View>

      <Text className="section-title">证件信息</Text>
      <View className="card">
        <ChoiceInput form={form} field="idType" label="证件类型" />
        <TextInput
          form={form}
          field="idNumber"
          label="证件号码"
          placeholder={mainland ? '18位居民身份证号码' : '请输入证件号码'}
          maxLength={30}
          type={mainland ? 'idcard' : 'text'}
          problem={form.problems.idNumber}
          onChange={(value) => form.update(idNumberChanges(form.values, value))}
        />
      </View>

      <Text className="section-title">联系与工作</Text>
      <View className="card">
        <ChoiceInput form={form} field="region" label="所在地区" />
        <TextInput form={form} field="household" label="户籍地" placeholder="如 浙江省杭州市" maxLength={60} />
        <TextInput form={form} field="phone" label="手机号码" placeholder="11位手机号码" maxLength={20} type="number" />
        <TextInput form={form} field="email" label="电子邮箱" required={false} placeholder="选填" maxLength={100} />
        <TextInput form={form} field="workUnit" label="工作单位" placeholder="单位全称" maxLength={100} />
      </View>
    </>
  )
}
