import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'

/** Noto Sans SC Regular (SIL OFL 1.1, from the npm package @expo-google-fonts/noto-sans-sc): the whole CJK range, so any name prints. */
export const CHINESE_FONT_PACKAGE_FILE = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'
/** Where scripts/bundle.ts puts it beside the bundles, packaged with the functions that draw Chinese PDFs only. */
export const BUNDLED_CHINESE_FONT = 'pdf-fonts/NotoSansSC-Regular.ttf'

/** Deployed, the font sits in the package (LAMBDA_TASK_ROOT); run from source, in node_modules. */
function fontPath(): string {
  const root = process.env.LAMBDA_TASK_ROOT
  return root ? `${root}/.esbuild/${BUNDLED_CHINESE_FONT}` : createRequire(`${process.cwd()}/package.json`).resolve(CHINESE_FONT_PACKAGE_FILE)
}

let font: Promise<Uint8Array> | undefined

/** The font's bytes (10 MB), read once per container; a failed read is tried again by the next caller. */
export function chineseFont(): Promise<Uint8Array> {
  font ??= readFile(fontPath()).catch((error: unknown) => {
    font = undefined
    throw error
  })
  return font
}
