import { useEffect, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { Progress } from '@nutui/nutui-react-taro'
import { PHOTO_MAX_BYTES } from '@shared/api/admission-schemas'
import { Button } from '../../../components/Button'
import { ApiError, call } from '../../../api/client'
import { FormField } from '../../../components/FormField'
import { choosePhoto, uploadPresigned } from '../../../lib/upload'
import { draft, hasLiveTicket } from '../draft'

const PHOTO_SIZE_LABEL = `${PHOTO_MAX_BYTES / (1024 * 1024)}MB`

/**
 * The photo goes from the phone straight to S3 under the verification ticket; the page hears of
 * the key once the server has checked the file. `percent` is null unless an upload is under way.
 */
export function usePhotoUpload(on: { expired: () => void; uploaded: (key: string) => void; failed: (message: string) => void }) {
  const [preview, setPreview] = useState(draft.photoPreview)
  const [percent, setPercent] = useState<number | null>(null)
  useEffect(() => {
    draft.photoPreview = preview
  }, [preview])

  async function choose() {
    if (!hasLiveTicket() || !draft.ticket) return on.expired()
    const ticket = draft.ticket.value
    const photo = await choosePhoto()
    if (!photo) return
    if (photo.size > PHOTO_MAX_BYTES) return on.failed(`照片不能超过${PHOTO_SIZE_LABEL}，请压缩后重新上传`)
    setPercent(0)
    try {
      const presigned = await call('admissionPhotoUpload', { body: { ticket, contentType: photo.contentType } })
      await uploadPresigned(presigned, photo, setPercent)
      // The server reads the file's size and first bytes: a renamed document is refused and deleted.
      await call('admissionPhotoCheck', { body: { ticket, key: presigned.key } })
      on.uploaded(presigned.key)
      setPreview(photo.path)
    } catch (error) {
      on.failed(error instanceof ApiError ? (error.fieldErrors.photoKey ?? error.message) : '照片上传失败，请检查网络后重试')
    } finally {
      setPercent(null)
    }
  }

  return { preview, percent, choose }
}

/** 照片: the preview (or whether one is on file), the upload button and its progress. */
export function PhotoSection(props: { photoKey: string; error?: string; upload: ReturnType<typeof usePhotoUpload>; disabled: boolean }) {
  const { preview, percent, choose } = props.upload
  return (
    <>
      <Text className="section-title">照片</Text>
      <View className="card">
        <FormField label="照片" required error={props.error}>
          <Text className="muted">{`近期白底免冠证件照，jpg/png，不超过${PHOTO_SIZE_LABEL}`}</Text>
        </FormField>
        <View className="admission-form__photo-row">
          {preview ? (
            <Image className="admission-form__photo" src={preview} mode="aspectFill" nativeProps={{ alt: '已选照片' }} />
          ) : (
            <View className="admission-form__photo admission-form__photo--empty">
              <Text className="muted">{props.photoKey ? '已上传' : '未上传'}</Text>
            </View>
          )}
          <Button id="photo-choose" size="small" type="primary" fill="outline" disabled={percent !== null || props.disabled} onClick={() => void choose()}>
            {props.photoKey ? '重新上传' : '上传照片'}
          </Button>
        </View>
        {percent !== null ? (
          <View className="admission-form__progress">
            <Text className="muted">上传中 {percent}%</Text>
            <Progress percent={percent} />
          </View>
        ) : null}
      </View>
    </>
  )
}
