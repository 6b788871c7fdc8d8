import { Text } from '@tarojs/components'
import { MATERIAL_LIMITS } from '@shared/inspection'
import { Button } from '../../components/Button'
import { call } from '../../api/client'
import { UploadList } from '../../components/UploadList'
import { useSubscriptionPrompt } from '../../lib/subscribe'
import { uploadPresigned } from '../../lib/upload'

export interface UploadedProof {
  key: string
  fileName: string
  size: number
}

/**
 * 证明材料 of a claim, following the inspection materials' rules: each file goes straight to S3;
 * the server checks every one when the claim is submitted, so until then removing is local.
 */
export function Proofs(props: { proofs: UploadedProof[]; error?: string; onChange: (proofs: UploadedProof[]) => void }) {
  const { proofs } = props
  return (
    <UploadList
      block="proofs"
      buttonId="proofs-add"
      addLabel="+ 上传证明材料"
      files={proofs.map((proof) => ({ id: proof.key, name: proof.fileName, size: proof.size }))}
      limits={MATERIAL_LIMITS.inspection}
      editable
      error={props.error}
      upload={async (chosen, onProgress) => {
        const presigned = await call('presignProof', { body: { fileName: chosen.name, size: chosen.size } })
        await uploadPresigned(presigned, chosen, onProgress)
        props.onChange([...proofs, { key: presigned.key, fileName: chosen.name, size: chosen.size }])
      }}
      remove={async (file) => props.onChange(proofs.filter((proof) => proof.key !== file.id))}
    />
  )
}

/** The end of a claim form: its 证明材料, 提交审核, and what happens next. */
export function ProofsAndSubmit(props: {
  submitId: string
  proofs: UploadedProof[]
  error?: string
  onProofs: (proofs: UploadedProof[]) => void
  submitting: boolean
  onSubmit: () => void
  hint: string
}) {
  useSubscriptionPrompt()
  return (
    <>
      <Text className="section-title">证明材料 *</Text>
      <Proofs proofs={props.proofs} error={props.error} onChange={props.onProofs} />
      <Button
        id={props.submitId}
        className="claim-form__submit"
        type="primary"
        block
        loading={props.submitting}
        disabled={props.submitting}
        onClick={props.onSubmit}
      >
        提交审核
      </Button>
      <Text className="muted claim-form__hint">{props.hint}</Text>
    </>
  )
}
