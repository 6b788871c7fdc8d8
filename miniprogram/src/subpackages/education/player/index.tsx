import { useEffect, useRef, useState } from 'react'
import { Text, Video, View } from '@tarojs/components'
import Taro, { useRouter, useUnload } from '@tarojs/taro'
import { Progress, Skeleton } from '@nutui/nutui-react-taro'
import type { CourseView, LessonView } from '@shared/api/education-schemas'
import { Button } from '../../../components/Button'
import { ApiError, call, showError } from '../../../api/client'
import { PRIMARY_COLOR } from '../../../lib/theme'
import { useRequiredSession } from '../../../lib/use-session'
import { durationText, lessonPercent } from '../course-status'
import { EvaluatePopup } from '../EvaluatePopup'
import { trackProgressWrite } from '../progress-writes'
import './index.scss'

/** The simulated player runs a whole lesson in about this long, whatever its real length. */
const SIMULATED_LESSON_MS = 8000
const TICK_MS = 250
/** How often the position is reported while playing (and once more at the end, and on leaving). */
const REPORT_EVERY_MS = 2000
const VIDEO_REPORT_EVERY_MS = 10_000

/**
 * 课程学习: the institute's video, or on local runs the simulated player that stands in for it and
 * plays the lesson fast. Either reports the position through the real progress route, which
 * decides when the lesson is learned (and refuses positions no one could have watched yet). At the
 * end the member evaluates it, and only then are its hours recorded.
 */
export default function PlayerPage() {
  const session = useRequiredSession(['member'])
  const { params } = useRouter()
  const courseId = params.course ?? ''
  const lessonId = params.lesson ?? ''
  const [course, setCourse] = useState<CourseView | null>(null)
  const [lesson, setLesson] = useState<LessonView | null>(null)
  const [position, setPosition] = useState(0)
  const [playing, setPlaying] = useState(false)
  const [refused, setRefused] = useState('')
  const [evaluating, setEvaluating] = useState(false)
  const reported = useRef({ position: 0, at: 0 })
  const positionRef = useRef(0)
  const reports = useRef({ sent: 0, shown: 0 })

  async function report(positionSeconds: number) {
    reported.current = { position: positionSeconds, at: Date.now() }
    const sent = ++reports.current.sent
    const result = await trackProgressWrite(call('lessonProgress', { params: { courseId, lessonId }, body: { positionSeconds } }))
    // Answers may arrive out of order: an earlier report's answer, coming after the last one's,
    // would show the lesson as not yet learned again.
    if (sent > reports.current.shown) {
      reports.current.shown = sent
      setCourse(result.course)
      setLesson(result.lesson)
    }
    return result.lesson
  }

  // 开始学习: the first report starts the lesson (the server refuses it without the fee, for a locked elective …).
  useEffect(() => {
    if (!session || session.user.mustChangePassword) return
    void (async () => {
      try {
        const catalogue = await call('courseCatalogue')
        const foundCourse = catalogue.courses.find((candidate) => candidate.courseId === courseId)
        const found = foundCourse?.lessons.find((candidate) => candidate.lessonId === lessonId)
        if (!foundCourse || !found) return setRefused('未找到该课节')
        if (found.learned) {
          // Played to the end before: nothing to start, only the evaluation may be missing.
          setCourse(foundCourse)
          setLesson(found)
          positionRef.current = found.durationSeconds
          setPosition(found.durationSeconds)
          setEvaluating(!found.evaluation)
          return
        }
        const started = await report(found.positionSeconds)
        positionRef.current = started.positionSeconds
        setPosition(started.positionSeconds)
        if (started.learned) setEvaluating(true)
        // The video plays when the member presses play; the simulated player starts by itself.
        else if (started.player === 'simulated') setPlaying(true)
      } catch (error) {
        if (error instanceof ApiError && error.status !== 0) setRefused(error.message)
        showError(error)
      }
    })()
  }, [session, courseId, lessonId])

  useEffect(() => {
    if (!playing || !lesson || lesson.player !== 'simulated') return
    const step = Math.max(1, Math.ceil(lesson.durationSeconds / (SIMULATED_LESSON_MS / TICK_MS)))
    const timer = setInterval(() => {
      const next = Math.min(lesson.durationSeconds, positionRef.current + step)
      positionRef.current = next
      setPosition(next)
      const ended = next >= lesson.durationSeconds
      if (!ended && Date.now() - reported.current.at < REPORT_EVERY_MS) return
      if (ended) {
        clearInterval(timer)
        setPlaying(false)
      }
      report(next)
        .then((updated) => {
          if (ended && updated.learned) setEvaluating(true)
        })
        .catch(showError)
    }, TICK_MS)
    return () => clearInterval(timer)
  }, [playing, lesson?.durationSeconds])

  // Leaving mid-lesson keeps the place: 继续学习 resumes there.
  useUnload(() => {
    if (positionRef.current > reported.current.position) void report(positionRef.current).catch(() => undefined)
  })

  if (refused) {
    return (
      <View className="player page">
        <View className="card player__refused">
          <Text className="error-text">{refused}</Text>
          <Button size="small" fill="outline" onClick={() => void Taro.navigateBack()}>
            返回课程
          </Button>
        </View>
      </View>
    )
  }
  if (!lesson || !course) {
    return (
      <View className="player page">
        <View className="card">
          <Skeleton rows={5} animated />
        </View>
      </View>
    )
  }

  function videoProgress(currentTime: number) {
    const next = Math.floor(currentTime)
    if (next <= positionRef.current) return
    positionRef.current = next
    setPosition(next)
    if (Date.now() - reported.current.at >= VIDEO_REPORT_EVERY_MS) void report(next).catch(showError)
  }

  function videoEnded() {
    report(lesson!.durationSeconds)
      .then((updated) => {
        if (updated.learned) setEvaluating(true)
      })
      .catch(showError)
  }

  const simulated = lesson.player === 'simulated'
  const percent = lessonPercent({ ...lesson, positionSeconds: position })
  return (
    <View className="player page">
      {simulated ? (
        <View className="player__screen">
          <Text className="player__badge">本地模拟播放器 · 加速播放</Text>
          <Text className="player__screen-title">{lesson.title}</Text>
          <Text className="player__time">
            {durationText(position)} / {durationText(lesson.durationSeconds)}
          </Text>
        </View>
      ) : (
        // The frame holds the video's place on the page.
        <View className="player__video-frame">
          {process.env.TARO_ENV === 'h5' ? (
            // H5 plays in the browser's own <video>: Taro's Video component would put ~60 KB of
            // web-component code into every page's copy of Taro's components, the login and
            // verification pages' included, whether they show a video or not.
            // biome-ignore lint/a11y/useMediaCaption: the institutes' lessons come without caption files (the lesson data has none to link).
            <video
              id="lesson-video"
              className="player__video"
              src={lesson.videoUrl ?? ''}
              title={lesson.title}
              controls
              playsInline
              onLoadedMetadata={(event) => {
                event.currentTarget.currentTime = positionRef.current
              }}
              onTimeUpdate={(event) => videoProgress(event.currentTarget.currentTime)}
              onPause={() => void report(positionRef.current).catch(showError)}
              onEnded={videoEnded}
            />
          ) : (
            <Video
              id="lesson-video"
              className="player__video"
              src={lesson.videoUrl ?? ''}
              title={lesson.title}
              initialTime={position}
              onTimeUpdate={(event) => videoProgress(event.detail.currentTime)}
              onPause={() => void report(positionRef.current).catch(showError)}
              onEnded={videoEnded}
            />
          )}
        </View>
      )}
      <View className="card player__controls">
        <Progress color={PRIMARY_COLOR} percent={percent} strokeWidth="8" showText />
        <Text className="muted">
          {course.title} · {lesson.hours}学时
        </Text>
        {lesson.credited ? (
          <Text className="player__done">本课节已评价，已记录{lesson.hours}学时</Text>
        ) : lesson.learned ? (
          <>
            <Text className="player__hint">本课节已学完，请评价；未评价的学时暂不记录。</Text>
            <Button id="player-evaluate" type="warning" block onClick={() => setEvaluating(true)}>
              去评价
            </Button>
          </>
        ) : simulated ? (
          <Button id="player-toggle" type="primary" block onClick={() => setPlaying(!playing)}>
            {playing ? '暂停' : '继续播放'}
          </Button>
        ) : (
          <Text className="player__hint">请完整观看视频，学完后进行评价；快进超过观看时间的进度不会记录。</Text>
        )}
        {simulated ? <Text className="muted player__note">本地环境没有学院的课程视频，此播放器按时长加速模拟播放，并按真实方式上报学习进度。</Text> : null}
      </View>
      <EvaluatePopup
        courseId={courseId}
        lesson={evaluating ? lesson : null}
        onClose={() => setEvaluating(false)}
        onEvaluated={(result) => {
          setEvaluating(false)
          setCourse(result.course)
          setLesson(result.lesson)
          setTimeout(() => void Taro.navigateBack(), 1500)
        }}
      />
    </View>
  )
}
