import { type ReactNode, useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { VerificationResponse } from '@shared/api/credential-schemas'
import { formatChinaTime } from '@shared/china-time'
import { INVALID_CODE_HEADLINE, plausibleQrToken } from '@shared/qr-token'
import { ApiError, callUnchecked } from '../../api/client'
import { APPROVAL_DETAIL_PAGES } from '../../lib/approval-pages'
import './index.scss'

/** A malformed %-escape in a hand-edited link stays as it came and fails the shape check below. */
function readToken(raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? '')
  } catch {
    return raw ?? ''
  }
}

/**
 * Any refusal of the request itself (400, or a gateway's 413/414/431 with no body of ours) means
 * the code is not one of ours; only a rate limit, the network or the server are worth a retry.
 */
function failureMessage(error: unknown): string {
  if (!(error instanceof ApiError) || error.status >= 500) return '核验失败，请稍后重试'
  if (error.status === 0 || error.status === 429) return error.message
  return INVALID_CODE_HEADLINE
}

function Row({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View className="verify__row">
      <Text className="verify__row-title">{title}</Text>
      <Text className="verify__row-value">{children}</Text>
    </View>
  )
}

/** What each kind of code certifies, and what its rows are called. */
const KIND_TITLES: Record<NonNullable<VerificationResponse['credential']>['kind'], { content: string; year: string; result: string }> = {
  inspection: { content: '年检信息', year: '年检年度', result: '年检结果' },
  membership: { content: '会员资格', year: '年度', result: '会员状态' },
  hours: { content: '学时证明', year: '学时年度', result: '学时情况' },
}

/**
 * Where a scanned QR code lands, in WeChat or any phone browser: is the code genuine, and what is
 * the member's standing now. Shows no ID number or contact data. The first thing anyone scanning a
 * member's code sees, so it loads neither NutUI nor zod: the answer is shown as the server sent it,
 * as text (bench/first-screen.ts).
 */
export default function VerifyPage() {
  const { params } = useRouter()
  const token = readToken(params.t)
  const [result, setResult] = useState<VerificationResponse | null>(null)
  const [failure, setFailure] = useState('')

  useEffect(() => {
    if (!token) {
      setFailure('二维码无效：没有可核验的内容')
      return
    }
    if (!plausibleQrToken(token)) {
      setFailure(INVALID_CODE_HEADLINE)
      return
    }
    callUnchecked('verify', { query: { t: token } })
      .then((answer) => setResult(answer as VerificationResponse))
      .catch((error: unknown) => setFailure(failureMessage(error)))
  }, [token])

  if (failure) {
    return (
      <View className="verify page">
        <View className="card verify__banner verify__banner--invalid">
          <Text className="verify__mark">✕</Text>
          <Text className="verify__headline">{failure}</Text>
        </View>
      </View>
    )
  }
  if (!result) {
    return (
      <View className="verify page">
        <View className="card verify__checking">
          <Text className="muted">正在核验…</Text>
        </View>
      </View>
    )
  }
  const tone = !result.genuine ? 'invalid' : result.credential?.inGoodStanding ? 'valid' : 'warning'
  const credential = result.credential
  const inspectionPage = APPROVAL_DETAIL_PAGES.inspection
  return (
    <View className="verify page">
      <View className={`card verify__banner verify__banner--${tone}`}>
        <Text className="verify__mark">{tone === 'valid' ? '✓' : tone === 'warning' ? '!' : '✕'}</Text>
        <Text className="verify__headline">{result.headline}</Text>
      </View>
      {credential ? (
        <View className="card verify__rows">
          <Row title="核验内容">{KIND_TITLES[credential.kind].content}</Row>
          <Row title="姓名">{credential.nameMasked}</Row>
          <Row title="所属协会">{credential.association}</Row>
          {credential.year ? <Row title={KIND_TITLES[credential.kind].year}>{`${credential.year}年度`}</Row> : null}
          <Row title={KIND_TITLES[credential.kind].result}>
            <Text className={`verify__result verify__result--${tone}`}>{credential.result}</Text>
          </Row>
          <Row title="核验时间">{formatChinaTime(result.checkedAt)}</Row>
        </View>
      ) : null}
      {credential?.hours ? (
        <View className="card verify__rows" data-testid="verify-hours">
          {credential.hours.bySource.map((source) => (
            <Row key={source.label} title={source.label}>{`${source.hours} 学时`}</Row>
          ))}
          <Row title="已完成学时">{`${credential.hours.done} 学时`}</Row>
          <Row title="应完成学时">{`${credential.hours.required} 学时`}</Row>
          <Row title="尚需学时">{`${credential.hours.missing} 学时`}</Row>
        </View>
      ) : null}
      <Text className="muted verify__note">本页由中国注册会计师协会行业管理信息系统实时核验，仅显示核验所需信息。</Text>
      {result.staff?.inspectionId && inspectionPage ? (
        <Button
          id="verify-open-inspection"
          className="verify__staff"
          onClick={() => void Taro.navigateTo({ url: `${inspectionPage}?id=${encodeURIComponent(result.staff!.inspectionId!)}` })}
        >
          查看该会员的年检申请
        </Button>
      ) : null}
    </View>
  )
}
