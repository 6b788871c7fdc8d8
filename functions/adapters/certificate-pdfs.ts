import type { GoodStandingApplication } from '../../shared/api/credential-schemas'
import { config } from '../config'
import type { CertificatePdfs } from '../ports/good-standing'
import type { HoursCertificateFiles } from '../ports/hours-certificates'
import { chineseFont } from './chinese-font'
import { storage } from './s3-on-demand'
import { presignDownload } from './uploads'

const certificateKey = (application: GoodStandingApplication) => `certificates/${application.memberNo}/${application.id}.pdf`
const hoursCertificateKey = (memberNo: string, year: number) => `certificates/${memberNo}/hours-${year}.pdf`

async function putPdf(key: string, pdf: Uint8Array) {
  const { sdk, client } = await storage()
  await client.send(new sdk.PutObjectCommand({ Bucket: config.bucketName, Key: key, Body: pdf, ContentType: 'application/pdf' }))
}

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

  store: (application, pdf) => putPdf(certificateKey(application), pdf),

  downloadLink: (application) => presignDownload(certificateKey(application)),
}

export const s3HoursCertificates: HoursCertificateFiles = {
  store: (memberNo, year, pdf) => putPdf(hoursCertificateKey(memberNo, year), pdf),
  downloadLink: (memberNo, year) => presignDownload(hoursCertificateKey(memberNo, year)),
  chineseFont,
}
