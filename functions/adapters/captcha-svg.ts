import { randomInt } from 'node:crypto'
import type { CaptchaImages } from '../ports/captchas'
import { CAPTCHA_FONT, CAPTCHA_GLYPHS } from './captcha-glyphs'

// The image svg-captcha 1.4.0 drew for the login: four characters at 56 px, evenly spaced across
// 150×50, two noise curves, on the login page's grey. Its font's outlines are in captcha-glyphs.ts.
const WIDTH = 150
const HEIGHT = 50
const FONT_SIZE = 56
const ANSWER_LENGTH = 4
const NOISE_LINES = 2
const BACKGROUND = '#f2f3f5'
const ANSWER_CHARACTERS = Object.keys(CAPTCHA_GLYPHS)
// Lightness ranges in percent: characters 25–45 points darker than the background (95%), noise as
// svg-captcha draws it (measured against white), so both stand out and neither hides the other.
const CHARACTER_LIGHTNESS = [50, 70] as const
const NOISE_LIGHTNESS = [55, 75] as const

/** A path command in pixels: its letter and its points' coordinates, x then y. */
export interface PathCommand {
  type: string
  coordinates: number[]
}

const OUTLINE_COMMAND = /([MLQZ])([^MLQZ]*)/g

/** One character's outline at `fontSize` px, its baseline starting at x, y: what opentype.js's glyph.getPath(x, y, fontSize) gives. */
export function glyphOutline(character: string, x: number, y: number, fontSize: number): PathCommand[] {
  const glyph = CAPTCHA_GLYPHS[character]
  if (!glyph) throw new Error(`No captcha glyph for ${JSON.stringify(character)}`)
  const scale = fontSize / CAPTCHA_FONT.unitsPerEm
  return [...glyph.outline.matchAll(OUTLINE_COMMAND)].map(([, type, numbers]) => ({
    type: type!,
    coordinates: (numbers!.match(/-?\d+/g) ?? []).map((value, index) => (index % 2 ? y - Number(value) * scale : x + Number(value) * scale)),
  }))
}

export function pathData(commands: PathCommand[]): string {
  return commands.map(({ type, coordinates }) => type + coordinates.map((value) => Number(value.toFixed(2))).join(' ')).join('')
}

const between = (min: number, max: number) => randomInt(min, max + 1)

/** One of 24 hues at 60–80% saturation and a lightness between the two given (percent), as svg-captcha picks its colours. */
function randomColour([minLightness, maxLightness]: readonly [number, number]): string {
  const hue = randomInt(24) * 15
  const saturation = between(60, 80) / 100
  const lightness = between(minLightness, maxLightness) / 100
  // HSL to RGB as CSS Color 4 converts it, written as hex, which every SVG renderer reads.
  const chroma = saturation * Math.min(lightness, 1 - lightness)
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12
    return lightness - chroma * Math.max(-1, Math.min(k - 3, 9 - k, 1))
  }
  const hex = (n: number) =>
    Math.round(channel(n) * 255)
      .toString(16)
      .padStart(2, '0')
  return `#${hex(0)}${hex(8)}${hex(4)}`
}

/** The character centred on `centreX` and on the image's middle, each command moved by up to ±0.1 px as svg-captcha does, so no two images share a path. */
function characterPath(character: string, centreX: number): string {
  const scale = FONT_SIZE / CAPTCHA_FONT.unitsPerEm
  const left = centreX - (CAPTCHA_GLYPHS[character]!.advanceWidth * scale) / 2
  const baseline = HEIGHT / 2 + ((CAPTCHA_FONT.ascender + CAPTCHA_FONT.descender) * scale) / 2
  const commands = glyphOutline(character, left, baseline, FONT_SIZE).map(({ type, coordinates }) => {
    const shift = randomInt(-10, 11) / 100
    return { type, coordinates: coordinates.map((value) => value + shift) }
  })
  return `<path fill="${randomColour(CHARACTER_LIGHTNESS)}" d="${pathData(commands)}"/>`
}

/** A curve from the left edge through the middle to the right edge, at random heights. */
function noiseLine(): string {
  const point = (minX: number, maxX: number) => `${between(minX, maxX)} ${between(1, HEIGHT - 1)}`
  const middle = () => point(WIDTH / 2 - 21, WIDTH / 2 + 21)
  return `<path d="M${point(1, 21)} C${middle()},${middle()},${point(WIDTH - 21, WIDTH - 1)}" stroke="${randomColour(NOISE_LIGHTNESS)}" fill="none"/>`
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}

/** Answers come from node:crypto, so no one image tells anything of the next. */
export const glyphCaptchaImages: CaptchaImages = {
  draw() {
    const answer = Array.from({ length: ANSWER_LENGTH }, () => ANSWER_CHARACTERS[randomInt(ANSWER_CHARACTERS.length)]!).join('')
    const spacing = (WIDTH - 2) / (ANSWER_LENGTH + 1)
    const characters = [...answer].map((character, i) => characterPath(character, spacing * (i + 1)))
    const noise = Array.from({ length: NOISE_LINES }, noiseLine)
    // Characters and noise in random order: where a path sits in the markup says nothing of what it is.
    const paths = shuffle([...characters, ...noise]).join('')
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0,0,${WIDTH},${HEIGHT}"><rect width="100%" height="100%" fill="${BACKGROUND}"/>${paths}</svg>`
    return { answer, svg }
  },
}
