import { useCallback, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Progress, Skeleton, Tag } from '@nutui/nutui-react-taro'
import type { CatalogueResponse, CourseView, EducationOverview } from '@shared/api/education-schemas'
import { COURSE_CATEGORIES, COURSE_CATEGORY_LABELS, type InstituteCode } from '@shared/education'
import { formatYuan } from '@shared/fee'
import { Button } from '../../../components/Button'
import { call, showError } from '../../../api/client'
import { EDUCATION_PAGES } from '../../../lib/education-pages'
import { PRIMARY_COLOR } from '../../../lib/theme'
import { TOAST_MS } from '../../../lib/toast'
import { useRequiredSession } from '../../../lib/use-session'
import { courseStatus, creditedHours } from '../course-status'
import { progressWritesLanded } from '../progress-writes'
import { StatusTag } from '../../../components/StatusTag'
import { askToConfirm } from '../../../lib/dialog'
import './index.scss'

/**
 * 在线学习 (seed 004): choose one national accounting institute for the year — locked for the rest
 * of it — then learn its courses, required before elective.
 */
export default function LearnPage() {
  const session = useRequiredSession(['member'])
  const signedIn = Boolean(session && !session.user.mustChangePassword)
  const [overview, setOverview] = useState<EducationOverview | null>(null)
  const [catalogue, setCatalogue] = useState<CatalogueResponse | null>(null)
  const [failed, setFailed] = useState(false)
  const [choosing, setChoosing] = useState<InstituteCode | null>(null)
  const loads = useRef(0)

  const load = useCallback(async () => {
    if (!signedIn) return
    const started = ++loads.current
    try {
      await progressWritesLanded()
      const loaded = await call('educationOverview')
      const loadedCatalogue = loaded.enrolment ? await call('courseCatalogue') : null
      // Only the latest load speaks: an earlier one answering late would show older progress.
      if (started !== loads.current) return
      setOverview(loaded)
      setCatalogue(loadedCatalogue)
      setFailed(false)
    } catch (error) {
      setFailed(true)
      showError(error)
    } finally {
      Taro.stopPullDownRefresh()
    }
  }, [signedIn])
  useDidShow(() => void load())
  usePullDownRefresh(() => void load())

  async function choose(code: InstituteCode, name: string) {
    if (!overview) return
    const { confirm } = await askToConfirm({
      title: `选择${name}`,
      content: `每年只能选择一家国家会计学院学习，选择后${overview.year}年度内不可更改。确定选择${name}吗？`,
      confirmText: '确定选择',
      cancelText: '再想想',
    })
    if (!confirm) return
    setChoosing(code)
    try {
      setOverview(await call('chooseInstitute', { body: { institute: code } }))
      setCatalogue(await call('courseCatalogue'))
      void Taro.showToast({ title: `已选择${name}`, icon: 'none' })
    } catch (error) {
      showError(error)
      void load()
    } finally {
      setChoosing(null)
    }
  }

  if (!overview) {
    return (
      <View className="learn page">
        {failed ? (
          <Text className="link" onClick={() => void load()}>
            加载失败，点击重试
          </Text>
        ) : (
          <View className="card">
            <Skeleton rows={6} animated />
          </View>
        )}
      </View>
    )
  }

  const { year, enrolment, hours } = overview
  return (
    <View className="learn page">
      <View className="card learn__hours" onClick={() => void Taro.navigateTo({ url: EDUCATION_PAGES.hours })}>
        <View className="learn__hours-head">
          <Text className="learn__hours-title">{year}年度学时</Text>
          <Text className="link learn__hours-link">学时查询 ›</Text>
        </View>
        <View className="learn__hours-row">
          <View className="learn__hours-item">
            <Text className="learn__hours-number">{hours.required}</Text>
            <Text className="muted">应完成</Text>
          </View>
          <View className="learn__hours-item">
            <Text className="learn__hours-number learn__hours-number--done">{hours.done}</Text>
            <Text className="muted">已完成</Text>
          </View>
          <View className="learn__hours-item">
            <Text className="learn__hours-number learn__hours-number--missing">{hours.missing}</Text>
            <Text className="muted">尚需</Text>
          </View>
        </View>
      </View>

      {enrolment ? (
        <View className="card learn__locked">
          <Tag type="primary" className="learn__lock-tag">
            已锁定
          </Tag>
          <Text className="learn__locked-text">
            {year}年度已选择{enrolment.institute.name}，当年不可更改
          </Text>
        </View>
      ) : (
        <ChooseInstitute overview={overview} choosing={choosing} onChoose={(code, name) => void choose(code, name)} />
      )}

      {catalogue ? (
        <Catalogue catalogue={catalogue} />
      ) : enrolment ? (
        <View className="card">
          <Skeleton rows={4} animated />
        </View>
      ) : null}
    </View>
  )
}

function ChooseInstitute(props: { overview: EducationOverview; choosing: InstituteCode | null; onChoose: (code: InstituteCode, name: string) => void }) {
  const { overview, choosing } = props
  return (
    <>
      <View className="card learn__intro">
        <Text className="learn__intro-title">请选择{overview.year}年度学习的国家会计学院</Text>
        <Text className="muted">每年只能选择一家会计学院进行学习，当年不可更改；次年可重新选择。须先完成必修课程，才可以学习选修课程。</Text>
      </View>
      {overview.institutes.map((institute) => (
        <View key={institute.code} className={`card learn__institute learn__institute--${institute.code}`}>
          <View className="learn__institute-mark">
            <Text>{institute.name.slice(0, 2)}</Text>
          </View>
          <Text className="learn__institute-name">{institute.name}</Text>
          <Button
            className="learn__choose"
            size="small"
            type="primary"
            loading={choosing === institute.code}
            disabled={choosing !== null}
            onClick={() => props.onChoose(institute.code, institute.name)}
          >
            选择
          </Button>
        </View>
      ))}
    </>
  )
}

function Catalogue({ catalogue }: { catalogue: CatalogueResponse }) {
  const { fee, requiredProgress } = catalogue
  return (
    <>
      <View className="card learn__fee">
        <Text>学习费 {formatYuan(fee.amountFen)}</Text>
        <StatusTag state={fee.status} className="learn__fee-status">
          {fee.status === 'paid' ? '已缴纳' : '未缴纳 · 首次开始学习时缴纳'}
        </StatusTag>
      </View>
      {COURSE_CATEGORIES.map((category) => {
        const courses = catalogue.courses.filter((course) => course.category === category)
        return (
          <View key={category} className={`learn__group learn__group--${category}`}>
            <View className="section-title learn__group-title">
              <Text>{COURSE_CATEGORY_LABELS[category]}课程</Text>
              {category === 'required' ? (
                <Text className="learn__group-progress">
                  已完成 {requiredProgress.finished}/{requiredProgress.total} 门
                </Text>
              ) : !catalogue.electivesUnlocked ? (
                <Text className="learn__group-progress">学完必修课程后解锁</Text>
              ) : null}
            </View>
            {courses.length === 0 ? <Text className="muted learn__none">暂无{COURSE_CATEGORY_LABELS[category]}课程</Text> : null}
            {courses.map((course) => (
              <CourseCard key={course.courseId} course={course} />
            ))}
          </View>
        )
      })}
    </>
  )
}

function CourseCard({ course }: { course: CourseView }) {
  const status = courseStatus(course)
  const credited = creditedHours(course)
  const locked = course.lockReason !== null
  return (
    <View
      className={`card learn__course learn__course--${course.courseId} ${locked ? 'learn__course--locked' : ''}`}
      aria-disabled={locked}
      onClick={() =>
        locked
          ? void Taro.showToast({ title: course.lockReason!, icon: 'none', duration: TOAST_MS.reason })
          : void Taro.navigateTo({ url: `${EDUCATION_PAGES.course}?id=${course.courseId}` })
      }
    >
      <View className="learn__course-head">
        <Text className="learn__course-title">{course.title}</Text>
        <StatusTag state={status.state} className="learn__course-status">
          {status.label}
        </StatusTag>
      </View>
      <Text className="muted">
        {course.teacher} · {course.lessons.length}节 · {course.hours}学时
      </Text>
      {locked ? (
        <Text className="learn__lock-reason">{course.lockReason}</Text>
      ) : (
        <View className="learn__course-progress">
          <Progress color={PRIMARY_COLOR} percent={course.hours > 0 ? Math.round((credited * 100) / course.hours) : 0} strokeWidth="6" />
          <Text className="muted learn__course-hours">
            已记录 {credited}/{course.hours} 学时
          </Text>
        </View>
      )}
    </View>
  )
}
