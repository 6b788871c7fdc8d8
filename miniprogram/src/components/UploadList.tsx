import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Progress } from '@nutui/nutui-react-taro'
import { MATERIAL_TYPES_LABEL } from '@shared/inspection'
import { Button } from './Button'
import { ApiError } from '../api/client'
import { PRIMARY_COLOR } from '../lib/theme'
import { chooseDocument, documentProblem, fileSizeText, type ChosenFile } from '../lib/upload'
import { PrivacyRefusal, usePrivacyConsent } from './PrivacyConsent'
import './UploadList.scss'

export interface ListedFile {
  id: string
  name: string
  size: number
}

/**
 * A list of attached documents with 上传 and 删除: files go from the phone straight to S3
 * (presigned POST, with progress) through `upload`, which the caller wires to its own routes.
 * `block` names the BEM block the screen styles and tests address (materials, proofs …).
 */
export function UploadList(props: {
  block: string
  buttonId: string
  addLabel: string
  files: ListedFile[]
  limits: { maxFiles: number; maxBytes: number; sizeLabel: string }
  editable: boolean
  error?: string
  upload: (file: ChosenFile, onProgress: (percent: number) => void) => Promise<void>
  remove: (file: ListedFile) => Promise<void>
}) {
  const { block, files, limits, editable } = props
  const [percent, setPercent] = useState<number | null>(null)
  const [failure, setFailure] = useState('')
  const full = files.length >= limits.maxFiles
  // The first file chosen asks for the privacy agreement (chooseDocument); a refusal disables 上传 here.
  const privacy = usePrivacyConsent()

  async function add() {
    setFailure('')
    const chosen = await chooseDocument()
    if (!chosen) return
    const problem = documentProblem(chosen, limits)
    if (problem) return setFailure(problem)
    setPercent(0)
    try {
      await props.upload(chosen, setPercent)
    } catch (error) {
      setFailure(
        error instanceof ApiError
          ? (error.fieldErrors.key ?? error.fieldErrors.size ?? error.fieldErrors.fileName ?? error.message)
          : '上传失败，请检查网络后重试',
      )
    } finally {
      setPercent(null)
    }
  }

  async function remove(file: ListedFile) {
    try {
      await props.remove(file)
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : '删除失败，请重试')
    }
  }

  const error = failure || props.error
  return (
    <View className={`card upload-list ${block}`}>
      <Text className="muted">
        支持 {MATERIAL_TYPES_LABEL}，最多 {limits.maxFiles} 个，单个不超过 {limits.sizeLabel}（已上传 {files.length}/{limits.maxFiles}）
      </Text>
      {files.map((file) => (
        <View key={file.id} className={`upload-list__file ${block}__file`}>
          <Text className="upload-list__name">{file.name}</Text>
          <Text className="muted">{fileSizeText(file.size)}</Text>
          {editable ? (
            <Text className={`upload-list__remove ${block}__remove`} onClick={() => void remove(file)}>
              删除
            </Text>
          ) : null}
        </View>
      ))}
      {percent !== null ? (
        <View className="upload-list__progress">
          <Text className="muted">上传中 {percent}%</Text>
          <Progress color={PRIMARY_COLOR} percent={percent} />
        </View>
      ) : null}
      {error ? <Text className={`error-text upload-list__error ${block}__error`}>{error}</Text> : null}
      {editable && privacy.refused ? <PrivacyRefusal action="上传附件" /> : null}
      {editable ? (
        <Button
          id={props.buttonId}
          size="small"
          type="primary"
          fill="outline"
          disabled={full || percent !== null || privacy.refused}
          onClick={() => void add()}
        >
          {full ? `已达${limits.maxFiles}个上限` : props.addLabel}
        </Button>
      ) : null}
      {privacy.popup}
    </View>
  )
}
