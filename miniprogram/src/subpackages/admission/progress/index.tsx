import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Segmented } from '@nutui/nutui-react-taro'
import { ADMISSION_PATH, ADMISSION_STAGE_LABELS } from '@shared/admission'
import { ProgressByBasicRequest, ProgressByNumberRequest, type ProgressResponse } from '@shared/api/admission-schemas'
import { Button } from '../../../components/Button'
import { ApiError, call } from '../../../api/client'
import { FormField } from '../../../components/FormField'
import { PrivacyRefusal, usePrivacyConsent } from '../../../components/PrivacyConsent'
import { PAGES } from '../../../lib/session'
import { validate } from '../../../lib/validate'
import { CaptchaSubmit, useCaptcha } from '../Captcha'
import { ADMISSION_FORM_PAGE, startResubmit } from '../draft'
import '../admission.scss'
import './index.scss'
import { formatChinaTime } from '@shared/china-time'

type Mode = 'number' | 'basic'

function Row(props: { label: string; value: string; className?: string }) {
  return (
    <View className={`admission__row ${props.className ?? ''}`}>
      <Text className="admission__row-label">{props.label}</Text>
      <Text className="admission__row-value">{props.value}</Text>
    </View>
  )
}

/** 入会申请进度查询 (seed 000, 2): by business number or by the basic information, both behind a captcha. */
export default function AdmissionProgressPage() {
  const { params } = useRouter()
  const [mode, setMode] = useState<Mode>('number')
  const [businessNo, setBusinessNo] = useState(params.businessNo ?? '')
  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [phone, setPhone] = useState('')
  const captcha = useCaptcha()
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState('')
  const [querying, setQuerying] = useState(false)
  const [result, setResult] = useState<ProgressResponse | null>(null)
  // Querying by basic information asks for the ID and phone numbers; copying the password uses the clipboard.
  const privacy = usePrivacyConsent(mode === 'basic')
  const locked = !privacy.agreed

  const missing = mode === 'number' ? [!businessNo.trim() && '业务编号'] : [!name.trim() && '姓名', !idNumber.trim() && '证件号码', !phone.trim() && '手机号码']

  async function query() {
    setFormError('')
    const checked =
      mode === 'number'
        ? validate(ProgressByNumberRequest, { businessNo, ...captcha.answer })
        : validate(ProgressByBasicRequest, { name, idNumber, phone, ...captcha.answer })
    setErrors(checked.errors)
    if (!checked.data) return
    setQuerying(true)
    try {
      const found =
        mode === 'number'
          ? await call('admissionProgressByNumber', { body: { businessNo, ...captcha.answer } })
          : await call('admissionProgressByBasic', { body: { name, idNumber, phone, ...captcha.answer } })
      setResult(found)
    } catch (error) {
      const failure = error instanceof ApiError ? error : new ApiError(500, 'INTERNAL', '系统繁忙，请稍后再试')
      setResult(null)
      setFormError(failure.message)
      setErrors(failure.fieldErrors)
    } finally {
      setQuerying(false)
      // Each captcha answers one query.
      void captcha.reload()
    }
  }

  function correct(progress: ProgressResponse) {
    const resubmit = progress.resubmit!
    const { email, deregisteredOn, ...rest } = resubmit.form
    startResubmit(
      progress.businessNo,
      { value: resubmit.token, expiresAt: Date.now() + resubmit.expiresInSeconds * 1000 },
      { ...rest, idNumber: '', email: email ?? '', deregisteredOn: deregisteredOn ?? '' },
      '',
    )
    void Taro.navigateTo({ url: ADMISSION_FORM_PAGE })
  }

  const stepIndex = result ? ADMISSION_PATH.indexOf(result.stage) + 1 : 0

  return (
    <View className="admission progress page">
      <View className="card">
        <View className="progress__modes">
          <Segmented
            value={mode}
            onChange={(value) => {
              setMode(value as Mode)
              setErrors({})
              setFormError('')
            }}
            options={[
              { label: '业务编号查询', value: 'number' },
              { label: '基本信息查询', value: 'basic' },
            ]}
          />
        </View>
        {mode === 'number' ? (
          <FormField label="业务编号" required error={errors.businessNo}>
            <Input
              className="progress__business-no"
              value={businessNo}
              onChange={setBusinessNo}
              placeholder="提交成功页面上的业务编号"
              maxLength={32}
              clearable
            />
          </FormField>
        ) : (
          <>
            {privacy.refused ? <PrivacyRefusal action="按证件号码、手机号码查询" /> : null}
            <FormField label="姓名" required error={errors.name}>
              <Input className="progress__name" disabled={locked} value={name} onChange={setName} placeholder="申请时填写的姓名" maxLength={30} />
            </FormField>
            <FormField label="证件号码" required error={errors.idNumber}>
              <Input
                className="progress__id-number"
                disabled={locked}
                value={idNumber}
                onChange={setIdNumber}
                placeholder="申请时填写的证件号码"
                maxLength={30}
              />
            </FormField>
            <FormField label="手机号码" required error={errors.phone}>
              <Input
                className="progress__phone"
                disabled={locked}
                value={phone}
                onChange={setPhone}
                placeholder="申请时填写的手机号码"
                maxLength={20}
                type="number"
              />
            </FormField>
          </>
        )}
        <CaptchaSubmit
          captcha={captcha}
          captchaError={errors.captchaCode}
          formError={formError}
          buttonId="progress-submit"
          action="查询"
          busy={querying}
          missing={missing}
          onSubmit={() => void query()}
        />
      </View>

      {result ? (
        <View className="progress__result">
          <View className="card">
            <Row label="业务编号" value={result.businessNo} />
            <Row label="申请人" value={result.nameMasked} />
            <Row label="所属注协" value={result.association.name} />
            <Row label="提交时间" value={formatChinaTime(result.submittedAt)} />
            <Row label="当前状态" value={result.stageLabel} className="progress__stage" />
          </View>

          {stepIndex > 0 ? (
            <View className="card">
              {ADMISSION_PATH.map((stage, index) => {
                const state = index + 1 < stepIndex ? 'done' : index + 1 === stepIndex ? 'current' : 'todo'
                return (
                  <View key={stage} className={`progress__step progress__step--${state}`}>
                    <Text className="progress__step-dot">{state === 'done' || (stage === 'approved' && state === 'current') ? '✓' : index + 1}</Text>
                    <View className="progress__step-body">
                      <Text className="progress__step-title">{ADMISSION_STAGE_LABELS[stage]}</Text>
                      {state === 'current' && stage !== 'approved' ? <Text className="muted">无需操作，请耐心等待审核</Text> : null}
                    </View>
                  </View>
                )
              })}
            </View>
          ) : null}

          {result.stage === 'returned' ? (
            <View className="card progress__returned">
              <Text className="admission__heading">申请已退回</Text>
              <Text className="admission__paragraph">退回原因：{result.returnReason}</Text>
              <Button id="resubmit" type="primary" block onClick={() => correct(result)}>
                修改并重新提交
              </Button>
            </View>
          ) : null}

          {result.stage === 'rejected' ? (
            <View className="card progress__rejected">
              <Text className="admission__heading">审核未通过</Text>
              <Text className="admission__paragraph">原因：{result.rejectReason}</Text>
              <Text className="muted">如有疑问请联系所属注协。</Text>
            </View>
          ) : null}

          {result.account ? (
            <View className="card progress__account">
              <Text className="admission__heading">会员账号</Text>
              <Row label="会员编号" value={result.account.memberNo} className="progress__member-no" />
              <Row label="登录名" value={result.account.loginName} />
              <Row label="初始密码" value={result.account.initialPassword ?? '已修改（不再显示）'} className="progress__initial-password" />
              {result.account.initialPassword ? (
                <Text className="muted progress__account-note">请使用登录名和初始密码登录，首次登录须修改初始密码；修改后本页不再显示。</Text>
              ) : null}
              <View className="admission__actions">
                {result.account.initialPassword ? (
                  <Button block fill="outline" type="primary" onClick={() => void Taro.setClipboardData({ data: result.account!.initialPassword! })}>
                    复制初始密码
                  </Button>
                ) : null}
              </View>
              <View className="admission__actions">
                <Button id="go-login" block type="primary" onClick={() => void Taro.reLaunch({ url: PAGES.login })}>
                  去登录
                </Button>
              </View>
            </View>
          ) : null}

          {result.trail.length ? (
            <View className="card">
              <Text className="admission__heading">审批信息</Text>
              {result.trail.map((entry) => (
                <View key={`${entry.at}${entry.node}`} className="progress__trail">
                  <Text className="progress__trail-node">{entry.node}</Text>
                  <Text className="muted">
                    {entry.unit} · {formatChinaTime(entry.at)}
                  </Text>
                  <Text className="progress__trail-opinion">{entry.opinion}</Text>
                </View>
              ))}
            </View>
          ) : null}
        </View>
      ) : null}
      {privacy.popup}
    </View>
  )
}
