import type { GoodStandingApplication } from '../../shared/api/credential-schemas'
import { config } from '../config'
import type { CertificatePdfs } from '../ports/good-standing'
import { storage } from './s3-on-demand'
import { presignDownload } from './uploads'

const certificateKey = (application: GoodStandingApplication) => `certificates/${application.memberNo}/${application.id}.pdf`

export const s3CertificatePdfs: CertificatePdfs = {
  async exists(application) {
    const { sdk, client } = await storage()
    try {
      await client.send(new sdk.HeadObjectCommand({ Bucket: config.bucketName, Key: certificateKey(application) }))
      return true
    } catch (error) {
      if (error instanceof Error && (error.name === 'NotFound' || error.name === 'NoSuchKey')) return false
      throw error
    }
  },

  async store(application, pdf) {
    const { sdk, client } = await storage()
    await client.send(new sdk.PutObjectCommand({ Bucket: config.bucketName, Key: certificateKey(application), Body: pdf, ContentType: 'application/pdf' }))
  },

  downloadLink: (application) => presignDownload(certificateKey(application)),
}
