import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Skeleton, TextArea } from '@nutui/nutui-react-taro'
import { NoticeRequest } from '@shared/api/inspection-schemas'
import { APPLY_SUCCESS_TEXT } from '@shared/inspection'
import { ApiError, call, showError } from '../../../../api/client'
import { FormField } from '../../../../components/FormField'
import { usePageData } from '../../../../lib/use-page-data'
import { useRequiredSession } from '../../../../lib/use-session'
import { validate } from '../../../../lib/validate'
import './index.scss'

/** 省注协自定义通知: what this association's members read after a successful application. */
export default function InspectionNoticePage() {
  const session = useRequiredSession(['local_staff'])
  const { data, reload } = usePageData('inspectionNotice', Boolean(session && !session.user.mustChangePassword))
  const [notice, setNotice] = useState('')
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)
  useEffect(() => {
    if (data) setNotice(data.notice)
  }, [data])

  async function save() {
    const { data: body, errors } = validate(NoticeRequest, { notice, version: data?.version ?? 0 })
    setFieldErrors(errors)
    if (!body) return
    setSaving(true)
    try {
      await call('saveInspectionNotice', { body })
      void Taro.showToast({ title: '已保存', icon: 'success' })
      await reload()
    } catch (error) {
      if (error instanceof ApiError) setFieldErrors(error.fieldErrors)
      showError(error)
      // Someone else saved first: show what is there now, so nothing is overwritten unseen.
      if (error instanceof ApiError && error.code === 'CONFLICT') await reload()
    } finally {
      setSaving(false)
    }
  }

  if (!data) return <View className="notice page"><View className="card"><Skeleton rows={4} animated /></View></View>
  return (
    <View className="notice page">
      <Text className="section-title">{data.association.name}</Text>
      <View className="card">
        <FormField label="自定义通知" required error={fieldErrors.notice}>
          <TextArea className="notice__input" value={notice} onChange={setNotice} maxLength={300} showCount placeholder="会员申请成功后看到的提示" />
        </FormField>
      </View>
      <Text className="section-title">会员看到的效果</Text>
      <View className="card notice__preview">
        <Text className="notice__preview-title">{APPLY_SUCCESS_TEXT}</Text>
        <Text className="muted">{notice}</Text>
      </View>
      <Button id="notice-save" type="primary" block loading={saving} disabled={saving} onClick={() => void save()}>
        保存
      </Button>
    </View>
  )
}
