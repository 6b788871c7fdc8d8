import type { Materials as MaterialLists } from '@shared/api/inspection-schemas'
import { MATERIAL_LIMITS, type MaterialPurpose } from '@shared/inspection'
import { call } from '../../api/client'
import { UploadList } from '../../components/UploadList'
import { uploadPresigned } from '../../lib/upload'
import { askToConfirm } from '../../lib/dialog'

/**
 * 上传材料: files go from the phone straight to S3 (presigned POST, with progress); the server
 * then checks each one before it joins the application. Files can be removed until submitting.
 */
export function Materials(props: { purpose: MaterialPurpose; materials: MaterialLists; editable: boolean; onChange: (materials: MaterialLists) => void }) {
  const { purpose } = props
  return (
    <UploadList
      block="materials"
      buttonId={`materials-add-${purpose}`}
      addLabel="+ 上传材料"
      files={props.materials[purpose].map((file) => ({ id: file.fileId, name: file.name, size: file.size }))}
      limits={MATERIAL_LIMITS[purpose]}
      editable={props.editable}
      upload={async (chosen, onProgress) => {
        const presigned = await call('presignMaterial', { body: { purpose, fileName: chosen.name, size: chosen.size } })
        await uploadPresigned(presigned, chosen, onProgress)
        props.onChange(await call('attachMaterial', { body: { purpose, fileName: chosen.name, key: presigned.key } }))
      }}
      remove={async (file) => {
        const { confirm } = await askToConfirm({ title: '删除附件', content: `确定删除“${file.name}”吗？`, confirmText: '删除', cancelText: '取消' })
        if (confirm) props.onChange(await call('removeMaterial', { params: { fileId: file.id } }))
      }}
    />
  )
}
