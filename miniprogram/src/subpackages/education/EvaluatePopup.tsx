import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Popup, Rate, TextArea } from '@nutui/nutui-react-taro'
import { EvaluationRequest, type LessonView } from '@shared/api/education-schemas'
import type { RouteResponse } from '@shared/api/contract'
import { Button } from '../../components/Button'
import { ApiError, call, showError } from '../../api/client'
import { TOAST_MS } from '../../lib/toast'
import { validate } from '../../lib/validate'
import './EvaluatePopup.scss'

/** 课程评价: a learned lesson's hours are recorded only once it is rated (seed 004). */
export function EvaluatePopup(props: {
  courseId: string
  lesson: LessonView | null
  onClose: () => void
  onEvaluated: (result: RouteResponse<'evaluateLesson'>) => void
}) {
  const { lesson } = props
  const [rating, setRating] = useState(0)
  const [comment, setComment] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  async function submit() {
    if (!lesson) return
    const { data, errors: found } = validate(EvaluationRequest, { rating, comment })
    setErrors(found)
    if (!data) return
    setBusy(true)
    try {
      const result = await call('evaluateLesson', { params: { courseId: props.courseId, lessonId: lesson.lessonId }, body: data })
      void Taro.showToast({ title: `评价成功，已记录${result.lesson.hours}学时`, icon: 'none', duration: TOAST_MS.result })
      setRating(0)
      setComment('')
      props.onEvaluated(result)
    } catch (error) {
      if (error instanceof ApiError) setErrors(error.fieldErrors)
      showError(error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Popup visible={lesson !== null} position="bottom" round closeable title="课程评价" onClose={props.onClose}>
      {lesson ? (
        <View className="evaluate">
          <Text className="evaluate__lesson">{lesson.title}</Text>
          <Text className="muted">评价后本课节 {lesson.hours} 学时计入学时查询；未评价的学时暂不记录。</Text>
          <View className="evaluate__rate-row">
            <Text className="evaluate__label">课程评分</Text>
            <Rate
              className="evaluate__rate"
              size="large"
              value={rating}
              count={5}
              onChange={(value) => {
                setRating(value)
                setErrors({})
              }}
            />
          </View>
          {errors.rating ? <Text className="error-text">{errors.rating}</Text> : null}
          <TextArea
            className="evaluate__comment"
            value={comment}
            onChange={setComment}
            maxLength={200}
            showCount
            placeholder="评价内容（选填）：课程内容、讲解、对实务的帮助……"
          />
          {errors.comment ? <Text className="error-text">{errors.comment}</Text> : null}
          <Button id="evaluate-submit" type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
            提交评价
          </Button>
        </View>
      ) : null}
    </Popup>
  )
}
