import { expect } from 'vitest'

/** File contents that start with a type's magic bytes (what the server checks), padded to `size`. */
export const bytes = (head: number[] | string, size = 1024) => {
  const content = new Uint8Array(size)
  content.set(typeof head === 'string' ? [...head].map((c) => c.charCodeAt(0)) : head)
  return content
}
export const MB = 1024 * 1024
export const PDF = (size = 2048) => bytes('%PDF-1.7\n', size)
export const PNG = () => bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
export const JPG = () => bytes([0xff, 0xd8, 0xff, 0xe0])
export const XLS = () => bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
export const EXE = () => bytes('MZ\x90\x00\x03\x00\x00\x00')

/** Puts bytes into S3 through a presigned POST, as the phone does. */
export async function uploadTo(presigned: { url: string; fields: Record<string, string> }, content: Uint8Array) {
  const form = new FormData()
  for (const [name, value] of Object.entries(presigned.fields)) form.append(name, value)
  form.append('file', new Blob([new Uint8Array(content)]))
  const response = await fetch(presigned.url, { method: 'POST', body: form })
  expect(response.status).toBeLessThan(300)
}
