import { inflateSync } from 'node:zlib'
import jsQR from 'jsqr'
import { PDFDocument, PDFName, type PDFNumber, PDFRawStream } from 'pdf-lib'

/**
 * A PDF's QR code read back as a phone camera would: the page's images (pdf-lib stores a PNG as
 * deflated RGB) decoded until one holds a code.
 */
export async function qrOfPdf(pdf: Uint8Array): Promise<string> {
  const document = await PDFDocument.load(pdf)
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream) || object.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue
    const width = (object.dict.get(PDFName.of('Width')) as PDFNumber).asNumber()
    const height = (object.dict.get(PDFName.of('Height')) as PDFNumber).asNumber()
    const rgb = inflateSync(object.contents)
    const rgba = new Uint8ClampedArray(width * height * 4)
    for (let pixel = 0; pixel < width * height; pixel++) {
      rgba.set(rgb.subarray(pixel * 3, pixel * 3 + 3), pixel * 4)
      rgba[pixel * 4 + 3] = 255
    }
    const decoded = jsQR(rgba, width, height)
    if (decoded) return decoded.data
  }
  throw new Error('no QR code in the PDF')
}
