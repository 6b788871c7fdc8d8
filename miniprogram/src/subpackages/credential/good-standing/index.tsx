import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Input } from '@nutui/nutui-react-taro'
import { GOOD_STANDING_STATUS_LABELS, GoodStandingRequest } from '@shared/api/credential-schemas'
import { Button } from '../../../components/Button'
import { ApiError, call, showError } from '../../../api/client'
import { FormField } from '../../../components/FormField'
import { openDocument } from '../../../lib/platform'
import { usePageData } from '../../../lib/use-page-data'
import { useRequiredSession } from '../../../lib/use-session'
import { validate } from '../../../lib/validate'
import { StatusTag } from '../../../components/StatusTag'
import './index.scss'
import { formatChinaDate } from '@shared/china-time'

/** 会员资格良好存续证明（英文版）(seed 001 三.5): apply, wait for CICPA, download the PDF. */
export default function GoodStandingPage() {
  const session = useRequiredSession(['member'])
  const { data, reload } = usePageData('myGoodStanding', Boolean(session && !session.user.mustChangePassword))
  const [form, setForm] = useState({ englishName: '', purpose: '', addressee: '' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [submitting, setSubmitting] = useState(false)
  const [downloading, setDownloading] = useState('')

  const applications = data?.applications ?? []
  const hasPending = applications.some((application) => application.status === 'pending')
  const missing = !form.englishName.trim() || !form.purpose.trim() || !form.addressee.trim()

  async function submit() {
    const { data: body, errors: found } = validate(GoodStandingRequest, form)
    setErrors(found)
    if (!body) return
    setSubmitting(true)
    try {
      await call('applyGoodStanding', { body })
      setForm({ englishName: '', purpose: '', addressee: '' })
      void Taro.showToast({ title: '已提交，等待中注协审批', icon: 'none' })
      await reload()
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length) setErrors(error.fieldErrors)
      else showError(error)
    } finally {
      setSubmitting(false)
    }
  }

  async function download(id: string) {
    setDownloading(id)
    try {
      const file = await call('downloadGoodStanding', { params: { id } })
      await openDocument(file.url, file.fileName, 'pdf')
    } catch (error) {
      showError(error)
    } finally {
      setDownloading('')
    }
  }

  return (
    <View className="good-standing page">
      {applications.length ? <Text className="section-title">我的申请</Text> : null}
      {applications.map((application) => (
        <View key={application.id} className="card good-standing__item">
          <View className="good-standing__head">
            <Text className="good-standing__addressee">{application.addressee}</Text>
            <StatusTag state={application.status}>{GOOD_STANDING_STATUS_LABELS[application.status]}</StatusTag>
          </View>
          <Text className="muted">用途：{application.purpose}</Text>
          <Text className="muted">提交时间：{formatChinaDate(application.submittedAt)}</Text>
          {application.returnReason ? <Text className="error-text">退回原因：{application.returnReason}</Text> : null}
          {application.status === 'approved' ? (
            <Button
              className="good-standing__download"
              type="primary"
              size="small"
              loading={downloading === application.id}
              onClick={() => void download(application.id)}
            >
              下载证明（PDF）
            </Button>
          ) : null}
        </View>
      ))}

      <Text className="section-title">新申请</Text>
      <View className="card">
        {hasPending ? (
          <Text className="muted">您有一份申请正在中注协审批中，审批完成后可再次申请。</Text>
        ) : (
          <>
            <FormField label="英文姓名" required error={errors.englishName}>
              <Input
                className="gs__name"
                value={form.englishName}
                onChange={(englishName) => setForm({ ...form, englishName })}
                placeholder="与护照一致，如 WANG Fang"
              />
            </FormField>
            <FormField label="用途" required error={errors.purpose}>
              <Input
                className="gs__purpose"
                value={form.purpose}
                onChange={(purpose) => setForm({ ...form, purpose })}
                placeholder="英文，如 ACCA membership"
              />
            </FormField>
            <FormField label="致送单位" required error={errors.addressee}>
              <Input
                className="gs__addressee"
                value={form.addressee}
                onChange={(addressee) => setForm({ ...form, addressee })}
                placeholder="英文，如 ACCA, London"
              />
            </FormField>
            <Text className="muted good-standing__hint">证明为英文版，由中注协审批后可在线下载，证明上的二维码可供对方核验会员资格。</Text>
            <Button id="gs-submit" type="primary" block loading={submitting} disabled={missing || submitting} onClick={() => void submit()}>
              提交申请
            </Button>
            {missing ? <Text className="muted good-standing__hint">请填写英文姓名、用途和致送单位</Text> : null}
          </>
        )}
      </View>
    </View>
  )
}
