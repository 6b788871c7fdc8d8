import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { PNG } from 'pngjs'

const folder = mkdtempSync(join(tmpdir(), 'scan-'))
let files = 0

/** The app's QR image (a PNG data URL) as a file in the phone's album: what 保存二维码到手机相册 leaves there. */
export function savedPhoto(pngDataUrl: string): string {
  const path = join(folder, `code-${++files}.png`)
  writeFileSync(path, Buffer.from(pngDataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'))
  return path
}

/** A photo with no code in it: a plain grey picture. */
export function photoWithoutCode(): string {
  const png = new PNG({ width: 320, height: 240 })
  png.data.fill(0xc8)
  const path = join(folder, `blank-${++files}.png`)
  writeFileSync(path, PNG.sync.write(png))
  return path
}

/**
 * What a phone's rear camera sees when held over the member's screen, as a Y4M video (the format
 * Chromium's fake camera plays with --use-file-for-fake-video-capture): the QR image on a grey
 * background, in greyscale (4:2:0, neutral chroma).
 */
export function cameraFilming(pngDataUrl: string): string {
  const code = PNG.sync.read(Buffer.from(pngDataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'))
  const [width, height] = [640, 480]
  const scale = Math.max(1, Math.floor((height * 0.8) / code.height))
  const [left, top] = [Math.floor((width - code.width * scale) / 2), Math.floor((height - code.height * scale) / 2)]
  const luma = Buffer.alloc(width * height, 0x90)
  for (let y = 0; y < code.height * scale; y++) {
    for (let x = 0; x < code.width * scale; x++) {
      const source = (Math.floor(y / scale) * code.width + Math.floor(x / scale)) * 4
      luma[(top + y) * width + left + x] = code.data[source] as number
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 0x80)
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma])
  const path = join(folder, `camera-${++files}.y4m`)
  writeFileSync(path, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]))
  return path
}

/** Chooses `path` with the scan screen's 从相册选择. */
export async function choosePhoto(page: Page, path: string) {
  const chooser = page.waitForEvent('filechooser')
  await page.locator('#scan-photo').click()
  await (await chooser).setFiles(path)
}

/** 扫一扫 in the staff inbox of a browser outside WeChat: the scan screen opens, and the member's saved code is chosen as a photo. */
export async function scanSavedCode(page: Page, pngDataUrl: string) {
  await page.locator('#inbox-scan').click()
  await choosePhoto(page, savedPhoto(pngDataUrl))
}
