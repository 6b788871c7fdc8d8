import jsQR from 'jsqr'

/** Frames and photos are scaled down to this many pixels on the long side: enough for a code filling part of the view, fast to scan. */
const FRAME_SIDE = 720
const PHOTO_SIDES = [1280, 640]

function pixelsOf(source: CanvasImageSource, width: number, height: number, side: number, canvas: HTMLCanvasElement): ImageData | null {
  const scale = Math.min(1, side / Math.max(width, height))
  canvas.width = Math.max(1, Math.round(width * scale))
  canvas.height = Math.max(1, Math.round(height * scale))
  const context = canvas.getContext('2d', { willReadFrequently: true })
  if (!context) return null
  context.drawImage(source, 0, 0, canvas.width, canvas.height)
  return context.getImageData(0, 0, canvas.width, canvas.height)
}

/** The text of a QR code in the current video frame, or null. */
export function decodeFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement): string | null {
  if (video.readyState < video.HAVE_CURRENT_DATA || !video.videoWidth) return null
  const pixels = pixelsOf(video, video.videoWidth, video.videoHeight, FRAME_SIDE, canvas)
  // Live frames: the usual dark-on-light code only, to keep up with the camera.
  return pixels ? (jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'dontInvert' })?.data ?? null) : null
}

/** The text of a QR code in a chosen photo, or null: tried at two sizes, since a code photographed from afar is found better at the larger. */
export async function decodePhoto(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file)
  try {
    const canvas = document.createElement('canvas')
    for (const side of PHOTO_SIDES) {
      const pixels = pixelsOf(bitmap, bitmap.width, bitmap.height, side, canvas)
      const found = pixels && jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'attemptBoth' })
      if (found) return found.data
    }
    return null
  } finally {
    bitmap.close()
  }
}
