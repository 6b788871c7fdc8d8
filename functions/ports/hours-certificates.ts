/**
 * 学时证明 PDFs. Hours keep coming in during a year, so each download draws the certificate afresh;
 * the latest one of a member's year is kept under one key and handed out by a short-lived link.
 */
export interface HoursCertificateFiles {
  store(memberNo: string, year: number, pdf: Uint8Array): Promise<void>
  /** A link to read the stored PDF for `DOWNLOAD_LINK_SECONDS` (ports/files.ts). */
  downloadLink(memberNo: string, year: number): Promise<string>
  /** A TrueType font with every Chinese character a name or a course title may use. */
  chineseFont(): Promise<Uint8Array>
}
