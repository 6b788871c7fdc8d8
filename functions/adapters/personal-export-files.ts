import { config } from '../config'
import type { PersonalExportFiles } from '../ports/personal-export'
import { chineseFont } from './chinese-font'
import { storage } from './s3-on-demand'

/** RFC 6266 / 5987: an ASCII fallback for old clients, the Chinese name for everyone else. */
const attachment = (fileName: string, fallback: string) => `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`

export const s3PersonalExportFiles: PersonalExportFiles = {
  async store(key, body, contentType, fileName) {
    const { sdk, client } = await storage()
    const fallback = `personal-data.${key.slice(key.lastIndexOf('.') + 1)}`
    // The object carries its download name, so the link saves it under that name.
    await client.send(
      new sdk.PutObjectCommand({
        Bucket: config.bucketName,
        Key: key,
        Body: body,
        ContentType: contentType,
        ContentDisposition: attachment(fileName, fallback),
      }),
    )
  },

  async link(key, seconds) {
    const [{ sdk, client }, { getSignedUrl }] = await Promise.all([storage(), import('@aws-sdk/s3-request-presigner')])
    return getSignedUrl(client, new sdk.GetObjectCommand({ Bucket: config.bucketName, Key: key }), { expiresIn: seconds })
  },

  chineseFont,
}
