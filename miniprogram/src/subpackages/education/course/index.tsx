import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Progress, Skeleton } from '@nutui/nutui-react-taro'
import { Button } from '../../../components/Button'
import type { CatalogueResponse, LessonView } from '@shared/api/education-schemas'
import { COURSE_CATEGORY_LABELS } from '@shared/education'
import { formatYuan } from '@shared/fee'
import { call, showError } from '../../../api/client'
import { PaySheet } from '../../../components/PaySheet'
import { EDUCATION_PAGES } from '../../../lib/education-pages'
import { awaitedPayment, openPayOrder, type PayOrder } from '../../../lib/pay'
import { PRIMARY_COLOR } from '../../../lib/theme'
import { useRequiredSession } from '../../../lib/use-session'
import { StatusTag, ToneTag } from '../../../components/StatusTag'
import { courseStatus, creditedHours, lessonPercent, lessonStatus } from '../course-status'
import { EvaluatePopup } from '../EvaluatePopup'
import { progressWritesLanded } from '../progress-writes'
import { askToConfirm } from '../../../lib/dialog'
import './index.scss'

/** One course: its lessons with hours and progress; 开始学习 asks for the year's learning fee first (seed 004, 交费). */
export default function CoursePage() {
  const session = useRequiredSession(['member'])
  const { params } = useRouter()
  const courseId = params.id ?? ''
  const [catalogue, setCatalogue] = useState<CatalogueResponse | null>(null)
  const [order, setOrder] = useState<PayOrder | null>(null)
  /** The lesson whose 开始学习 asked for the fee: it opens once the payment is confirmed. */
  const [payingFor, setPayingFor] = useState<string | null>(null)
  const [evaluating, setEvaluating] = useState<LessonView | null>(null)
  /** Whether this page is the one shown: the payer's page may be on top when the payment is confirmed. */
  const [onTop, setOnTop] = useState(false)
  const loads = useRef(0)

  const load = useCallback(async () => {
    if (!session || session.user.mustChangePassword) return
    const started = ++loads.current
    try {
      await progressWritesLanded()
      const loaded = await call('courseCatalogue')
      // Only the latest load speaks: an earlier one answering late would show older progress.
      if (started === loads.current) setCatalogue(loaded)
    } catch (error) {
      showError(error)
    } finally {
      Taro.stopPullDownRefresh()
    }
  }, [session])
  useDidShow(() => {
    setOnTop(true)
    void load()
  })
  useDidHide(() => setOnTop(false))
  usePullDownRefresh(() => void load())

  const openPlayer = (lessonId: string) => void Taro.navigateTo({ url: `${EDUCATION_PAGES.player}?course=${courseId}&lesson=${lessonId}` })

  // The lesson that asked for the fee opens once the server has the payment and this page is on
  // top again; opening it over the payer's page would let that page's way back close the player.
  const feePaid = catalogue?.fee.status === 'paid'
  useEffect(() => {
    if (!payingFor || !onTop || !feePaid) return
    setOrder(null)
    setPayingFor(null)
    void Taro.showToast({ title: '支付成功，可以开始学习了', icon: 'none' })
    openPlayer(payingFor)
  }, [payingFor, onTop, feePaid])

  // Back from WeChat's web authorization that 去支付 needed: the payment goes on by itself.
  const feeUnpaid = catalogue ? catalogue.fee.status !== 'paid' : false
  useEffect(() => {
    const awaited = feeUnpaid ? awaitedPayment('learning_fee') : null
    if (awaited) void payFee(awaited.resume)
  }, [feeUnpaid])

  async function payFee(lessonId: string) {
    setPayingFor(lessonId)
    try {
      setOrder(await openPayOrder('learning_fee', { resume: lessonId }))
    } catch (error) {
      setPayingFor(null)
      showError(error)
    }
  }

  const course = catalogue?.courses.find((candidate) => candidate.courseId === courseId)
  if (!catalogue || !course) {
    return (
      <View className="course page">
        {catalogue ? (
          <Text className="muted">未找到该课程</Text>
        ) : (
          <View className="card">
            <Skeleton rows={6} animated />
          </View>
        )}
      </View>
    )
  }

  async function start(lesson: LessonView) {
    if (catalogue!.fee.status === 'paid') return openPlayer(lesson.lessonId)
    const { confirm } = await askToConfirm({
      title: '缴纳学习费',
      content: `开始学习前请缴纳${catalogue!.year}年度学习费${formatYuan(catalogue!.fee.amountFen)}，缴费后可学习${catalogue!.institute.name}本年度全部课程。`,
      confirmText: '去支付',
      cancelText: '取消',
    })
    if (!confirm) return
    await payFee(lesson.lessonId)
  }

  const status = courseStatus(course)
  const credited = creditedHours(course)
  return (
    <View className="course page">
      <View className="card course__head">
        <View className="course__title-row">
          <ToneTag tone={course.category === 'required' ? 'primary' : 'default'}>{COURSE_CATEGORY_LABELS[course.category]}</ToneTag>
          <Text className="course__title">{course.title}</Text>
        </View>
        <Text className="muted">
          {catalogue.institute.name} · {course.teacher}
        </Text>
        <View className="course__summary">
          <Text>
            共{course.lessons.length}节 · {course.hours}学时 · 已记录 {credited} 学时
          </Text>
          <StatusTag state={status.state}>{status.label}</StatusTag>
        </View>
        {course.lockReason ? <Text className="course__locked">{course.lockReason}</Text> : null}
        {catalogue.fee.status === 'unpaid' && !course.lockReason ? (
          <Text className="course__fee">本年度学习费 {formatYuan(catalogue.fee.amountFen)} 未缴纳，首次开始学习时缴纳</Text>
        ) : null}
      </View>

      <Text className="section-title">课节（每节学完须评价，评价后学时才记录）</Text>
      {course.lessons.map((lesson, index) => {
        const lessonState = lessonStatus(lesson)
        return (
          <View key={lesson.lessonId} className={`card course__lesson course__lesson--${lesson.lessonId}`}>
            <View className="course__lesson-head">
              <Text className="course__lesson-title">
                第{index + 1}节 {lesson.title}
              </Text>
              <StatusTag state={lessonState.state} className="course__lesson-status">
                {lessonState.label}
              </StatusTag>
            </View>
            <Text className="muted">
              {lesson.hours}学时 · 时长{Math.round(lesson.durationSeconds / 60)}分钟
            </Text>
            <Progress color={PRIMARY_COLOR} percent={lessonPercent(lesson)} strokeWidth="6" />
            {lesson.credited ? null : lesson.learned ? (
              <Button className="course__evaluate" size="small" type="warning" onClick={() => setEvaluating(lesson)}>
                去评价
              </Button>
            ) : (
              <Button
                className="course__start"
                size="small"
                type="primary"
                loading={payingFor === lesson.lessonId && order === null}
                disabled={course.lockReason !== null || payingFor !== null}
                onClick={() => void start(lesson)}
              >
                {lesson.positionSeconds > 0 ? '继续学习' : '开始学习'}
              </Button>
            )}
          </View>
        )
      })}

      <PaySheet
        purpose="learning_fee"
        order={order}
        subject={`${catalogue.institute.name} ${catalogue.year}年度学习费`}
        onPaid={() => void load()}
        onClose={() => {
          setOrder(null)
          setPayingFor(null)
        }}
      />
      <EvaluatePopup
        courseId={courseId}
        lesson={evaluating}
        onClose={() => setEvaluating(null)}
        onEvaluated={() => {
          setEvaluating(null)
          void load()
        }}
      />
    </View>
  )
}
