import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Progress } from '@nutui/nutui-react-taro'
import type { Materials as MaterialLists } from '@shared/api/inspection-schemas'
import { MATERIAL_LIMITS, MATERIAL_TYPES_LABEL, materialContentType, type MaterialPurpose } from '@shared/inspection'
import { ApiError, call } from '../../api/client'
import { chooseDocument } from './choose-file'
import './Materials.scss'

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`)

/**
 * 上传材料: files go from the phone straight to S3 (presigned POST, with progress); the server
 * then checks each one before it joins the application. Files can be removed until submitting.
 */
export function Materials(props: { purpose: MaterialPurpose; materials: MaterialLists; editable: boolean; onChange: (materials: MaterialLists) => void }) {
  const { purpose, editable } = props
  const files = props.materials[purpose]
  const limits = MATERIAL_LIMITS[purpose]
  const [percent, setPercent] = useState<number | null>(null)
  const [error, setError] = useState('')
  const full = files.length >= limits.maxFiles

  async function add() {
    setError('')
    const chosen = await chooseDocument()
    if (!chosen) return
    if (!materialContentType(chosen.name)) return setError(`仅支持${MATERIAL_TYPES_LABEL}格式的文件`)
    if (chosen.size > limits.maxBytes) return setError(`单个附件大小不能超过${limits.sizeLabel}`)
    setPercent(0)
    try {
      const presigned = await call('presignMaterial', { body: { purpose, fileName: chosen.name, size: chosen.size } })
      await new Promise<void>((resolve, reject) => {
        const task = Taro.uploadFile({
          url: presigned.url,
          filePath: chosen.path,
          name: 'file',
          fileName: chosen.name,
          formData: presigned.fields,
          withCredentials: false,
          success: (result) => (result.statusCode < 300 ? resolve() : reject(new Error(String(result.statusCode)))),
          fail: reject,
        } as Parameters<typeof Taro.uploadFile>[0])
        task.progress(({ progress }) => setPercent(progress))
      })
      props.onChange(await call('attachMaterial', { body: { purpose, fileName: chosen.name, key: presigned.key } }))
    } catch (failure) {
      setError(failure instanceof ApiError ? (failure.fieldErrors.key ?? failure.fieldErrors.size ?? failure.fieldErrors.fileName ?? failure.message) : '上传失败，请检查网络后重试')
    } finally {
      setPercent(null)
    }
  }

  async function remove(fileId: string, name: string) {
    const { confirm } = await Taro.showModal({ title: '删除附件', content: `确定删除“${name}”吗？`, confirmText: '删除', cancelText: '取消' })
    if (!confirm) return
    try {
      props.onChange(await call('removeMaterial', { params: { fileId } }))
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : '删除失败，请重试')
    }
  }

  return (
    <View className="card materials">
      <Text className="muted">
        支持 {MATERIAL_TYPES_LABEL}，最多 {limits.maxFiles} 个，单个不超过 {limits.sizeLabel}（已上传 {files.length}/{limits.maxFiles}）
      </Text>
      {files.map((file) => (
        <View key={file.fileId} className="materials__file">
          <Text className="materials__name">{file.name}</Text>
          <Text className="muted">{sizeText(file.size)}</Text>
          {editable ? (
            <Text className="materials__remove" onClick={() => void remove(file.fileId, file.name)}>
              删除
            </Text>
          ) : null}
        </View>
      ))}
      {percent !== null ? (
        <View className="materials__progress">
          <Text className="muted">上传中 {percent}%</Text>
          <Progress percent={percent} />
        </View>
      ) : null}
      {error ? <Text className="error-text materials__error">{error}</Text> : null}
      {editable ? (
        <Button id={`materials-add-${purpose}`} size="small" type="primary" fill="outline" disabled={full || percent !== null} onClick={() => void add()}>
          {full ? `已达${limits.maxFiles}个上限` : '+ 上传材料'}
        </Button>
      ) : null}
    </View>
  )
}
