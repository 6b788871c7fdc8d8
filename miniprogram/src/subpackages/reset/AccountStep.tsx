import { Text, View } from '@tarojs/components'
import { Input, Radio } from '@nutui/nutui-react-taro'
import { RESET_USER_TYPES, ResetStartRequest } from '@shared/api/reset-schemas'
import { USER_TYPE_LABELS } from '@shared/roles'
import { Button } from '../../components/Button'
import { call } from '../../api/client'
import { FormField } from '../../components/FormField'
import { validate } from '../../lib/validate'
import type { UserType } from './flow'
import { FormError, request, type StepProps } from './step'

/** 验证账号: user type and member number. */
export function AccountStep({ state, dispatch }: StepProps<'account'>) {
  const { fields, errors, formError, busy } = state
  const { userType, memberNo } = fields

  async function start() {
    const { data, errors: found } = validate(ResetStartRequest, { userType, memberNo })
    dispatch({ type: 'invalid', errors: found })
    if (!data) return
    await request(dispatch, async () => dispatch({ type: 'started', flow: await call('resetStart', { body: data }) }))
  }

  return (
    <View className="card">
      <FormField label="用户类型" required error={errors.userType}>
        <Radio.Group
          className="reset__types"
          value={userType}
          onChange={(value) => dispatch({ type: 'edit', fields: { userType: value as UserType } })}
          direction="horizontal"
        >
          {RESET_USER_TYPES.map((type) => (
            <Radio key={type} value={type} shape="button" className={`reset__type reset__type--${type}`}>
              {USER_TYPE_LABELS[type]}
            </Radio>
          ))}
        </Radio.Group>
      </FormField>
      <FormField label="会员编号" required error={errors.memberNo}>
        <Input
          className="reset__member-no"
          value={memberNo}
          onChange={(value) => dispatch({ type: 'edit', fields: { memberNo: value } })}
          placeholder="请输入您要找回密码的会员编号"
          maxLength={20}
          clearable
        />
      </FormField>
      <Text className="muted reset__tip">在行业管理信息系统中，账号即为会员编号。</Text>
      <FormError message={formError} />
      <Button id="reset-next" className="reset__submit" type="primary" block loading={busy} disabled={!memberNo.trim() || busy} onClick={() => void start()}>
        下一步
      </Button>
      {!memberNo.trim() ? <Text className="muted reset__hint">请填写会员编号后继续</Text> : null}
    </View>
  )
}
