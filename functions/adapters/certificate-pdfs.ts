import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import type { GoodStandingApplication } from '../../shared/api/credential-schemas'
import { config } from '../config'
import type { CertificatePdfs } from '../ports/good-standing'
import { s3 } from './s3'
import { presignDownload } from './uploads'

const certificateKey = (application: GoodStandingApplication) => `certificates/${application.memberNo}/${application.id}.pdf`

export const s3CertificatePdfs: CertificatePdfs = {
  async exists(application) {
    try {
      await s3().send(new HeadObjectCommand({ Bucket: config.bucketName, Key: certificateKey(application) }))
      return true
    } catch (error) {
      if (error instanceof Error && (error.name === 'NotFound' || error.name === 'NoSuchKey')) return false
      throw error
    }
  },

  async store(application, pdf) {
    await s3().send(new PutObjectCommand({ Bucket: config.bucketName, Key: certificateKey(application), Body: pdf, ContentType: 'application/pdf' }))
  },

  downloadLink: (application) => presignDownload(certificateKey(application)),
}
