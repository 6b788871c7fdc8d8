import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useUnload } from '@tarojs/taro'
import { Button } from '../../../components/Button'
import { SCAN_RESULT_EVENT } from '../../../lib/platform'
import { decodeFrame, decodePhoto } from '../decode'
import './index.scss'

type Camera = { state: 'starting' } | { state: 'live' } | { state: 'unavailable'; reason: string }

/** Why the browser gave no camera, in words the user can act on. */
function cameraProblem(error: unknown): string {
  const name = error instanceof DOMException ? error.name : ''
  if (name === 'NotAllowedError' || name === 'SecurityError') return '摄像头权限被拒绝，可在浏览器设置中允许使用摄像头'
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return '未找到可用的摄像头'
  if (name === 'NotReadableError' || name === 'AbortError') return '摄像头正被其他应用使用'
  return '摄像头打开失败'
}

/**
 * 扫一扫 in a browser outside WeChat: a live preview of the rear camera scanned a few times a
 * second, or a chosen photo of the code. Whatever it reads goes back to the screen that asked
 * (lib/platform.ts scanQrCode), which routes it as the mini-program's scanner result would be.
 */
export default function ScanPage() {
  const video = useRef<HTMLVideoElement>(null)
  const photoInput = useRef<HTMLInputElement>(null)
  const scanned = useRef<string | null>(null)
  const closing = useRef(false)
  const [camera, setCamera] = useState<Camera>({ state: 'starting' })
  const [photoProblem, setPhotoProblem] = useState<string | null>(null)
  const [reading, setReading] = useState(false)

  useUnload(() => Taro.eventCenter.trigger(SCAN_RESULT_EVENT, scanned.current))

  const close = useCallback((text: string | null) => {
    if (closing.current) return
    closing.current = true
    scanned.current = text
    void Taro.navigateBack()
  }, [])

  useEffect(() => {
    let stream: MediaStream | null = null
    let timer: ReturnType<typeof setTimeout> | undefined
    let stopped = false
    const canvas = document.createElement('canvas')
    const start = async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        setCamera({ state: 'unavailable', reason: '此浏览器不支持打开摄像头（需通过 HTTPS 访问）' })
        return
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      } catch (error) {
        if (!stopped) setCamera({ state: 'unavailable', reason: cameraProblem(error) })
        return
      }
      const preview = video.current
      if (stopped || !preview) return
      preview.srcObject = stream
      await preview.play().catch(() => undefined)
      setCamera({ state: 'live' })
      const scan = () => {
        if (stopped) return
        const text = decodeFrame(preview, canvas)
        if (text) close(text)
        else timer = setTimeout(scan, 150)
      }
      scan()
    }
    void start()
    return () => {
      stopped = true
      clearTimeout(timer)
      for (const track of stream?.getTracks() ?? []) track.stop()
    }
  }, [close])

  async function readPhoto(file: File | undefined) {
    if (!file) return
    setPhotoProblem(null)
    setReading(true)
    try {
      const text = await decodePhoto(file)
      if (text) close(text)
      else setPhotoProblem('未在照片中识别到二维码，请换一张清晰、完整的二维码照片')
    } catch {
      setPhotoProblem('无法读取这张图片，请换一张照片')
    } finally {
      setReading(false)
    }
  }

  return (
    <View className="scan">
      <View className="scan__viewport">
        <video ref={video} className={`scan__video${camera.state === 'live' ? '' : ' scan__video--off'}`} muted playsInline />
        {camera.state === 'live' ? <View className="scan__frame" /> : null}
        {camera.state === 'starting' ? <Text className="scan__status">正在打开摄像头…</Text> : null}
        {camera.state === 'unavailable' ? (
          <View className="scan__unavailable" role="alert">
            <Text className="scan__unavailable-title">无法使用摄像头</Text>
            <Text className="scan__unavailable-reason">{camera.reason}</Text>
            <Text className="scan__unavailable-reason">可以从相册选择二维码照片</Text>
          </View>
        ) : null}
      </View>
      <Text className="scan__hint">{camera.state === 'live' ? '将二维码放入框内，即可自动扫描' : ' '}</Text>
      {photoProblem ? (
        <View className="scan__photo-problem" role="alert">
          <Text>{photoProblem}</Text>
        </View>
      ) : null}
      <View className="scan__actions">
        <Button id="scan-photo" type="primary" block loading={reading} onClick={() => photoInput.current?.click()}>
          从相册选择
        </Button>
        <Button id="scan-cancel" className="scan__cancel" fill="outline" block onClick={() => close(null)}>
          取消
        </Button>
      </View>
      <input
        ref={photoInput}
        className="scan__photo-input"
        type="file"
        accept="image/*"
        onChange={(event) => {
          const input = event.currentTarget
          void readPhoto(input.files?.[0])
          input.value = ''
        }}
      />
    </View>
  )
}
