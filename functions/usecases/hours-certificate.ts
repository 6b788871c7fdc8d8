import type { CertificateDownload } from '../../shared/api/credential-schemas'
import { learningYearAt } from '../../shared/calendar'
import { associationName } from '../../shared/associations'
import type { Caller } from '../auth/tokens'
import type { AccountStore } from '../ports/accounts'
import type { Clock } from '../ports/clock'
import { DOWNLOAD_LINK_SECONDS } from '../ports/files'
import type { HoursLedger } from '../ports/hours'
import type { HoursCertificateFiles } from '../ports/hours-certificates'
import { issueCredential, ownMember } from './credentials'
import { AppError } from './errors'
import { newestFirst, yearHours } from './hours-summary'

export interface HoursCertificateDeps {
  accounts: Pick<AccountStore, 'getMember'>
  hours: Pick<HoursLedger, 'rowsOfYear'>
  files: HoursCertificateFiles
  clock: Clock
}

/**
 * 学时证明: the caller's own hours of one year (never anyone else's: the member comes from the
 * session, not the request), drawn now with a QR that opens the verification page for that year.
 */
export async function downloadHoursCertificate(deps: HoursCertificateDeps, caller: Caller, requestedYear?: number): Promise<CertificateDownload> {
  const now = deps.clock.now()
  const currentYear = learningYearAt(now)
  const year = requestedYear ?? currentYear
  if (year > currentYear) {
    const message = `年度：${year}年度尚未开始，不能出具学时证明`
    throw new AppError('VALIDATION_FAILED', message, { year: message })
  }
  const member = await ownMember(deps.accounts, caller)
  const rows = await deps.hours.rowsOfYear(member.memberNo, year)
  const { url } = await issueCredential(deps.clock, 'hours', member.memberNo, year)
  // pdf-lib, fontkit and the QR encoder are loaded by the first certificate drawn, not by every cold start.
  const [{ default: QRCode }, { hoursCertificatePdf }, font] = await Promise.all([
    import('qrcode'),
    import('./hours-certificate-pdf'),
    deps.files.chineseFont(),
  ])
  const qrPng = await QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 1, width: 360 })
  const pdf = await hoursCertificatePdf(
    {
      name: member.name,
      memberNo: member.memberNo,
      association: associationName(member.associationCode),
      ...yearHours(rows, year),
      records: newestFirst(rows),
    },
    { font, qrPng, verifyUrl: url, now },
  )
  await deps.files.store(member.memberNo, year, pdf)
  return {
    url: await deps.files.downloadLink(member.memberNo, year),
    fileName: `学时证明-${year}年度-${member.memberNo}.pdf`,
    expiresInSeconds: DOWNLOAD_LINK_SECONDS,
  }
}
