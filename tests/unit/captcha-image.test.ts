import { describe, expect, it } from 'vitest'
import { CAPTCHA_FONT, CAPTCHA_GLYPHS } from '../../functions/adapters/captcha-glyphs'
import { glyphCaptchaImages, glyphOutline, pathData, type PathCommand } from '../../functions/adapters/captcha-svg'
import { extractCaptchaGlyphs, svgCaptchaFont } from '../../scripts/captcha-glyphs'

/** svg-captcha's characters less 0 o O 1 i I l L. */
const ANSWER_CHARACTERS = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789'

function parsePath(d: string): PathCommand[] {
  return [...d.matchAll(/([MLQCZ])([^MLQCZ]*)/g)].map(([, type, numbers]) => ({
    type: type!,
    coordinates: (numbers!.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number),
  }))
}

/** Lines to where the pen already is draw nothing; the glyph module leaves them out. */
function withoutEmptyLines(commands: PathCommand[]): PathCommand[] {
  let current: number[] = []
  let subpathStart: number[] = []
  return commands.filter(({ type, coordinates }) => {
    if (type === 'Z') {
      current = subpathStart
      return true
    }
    const end = coordinates.slice(-2)
    const empty = type === 'L' && end[0] === current[0] && end[1] === current[1]
    current = end
    if (type === 'M') subpathStart = end
    return !empty
  })
}

function expectClose(actual: PathCommand[], expected: PathCommand[], tolerance: number) {
  expect(actual.map(({ type }) => type).join('')).toBe(expected.map(({ type }) => type).join(''))
  const worst = Math.max(...actual.flatMap(({ coordinates }, i) => coordinates.map((value, j) => Math.abs(value - expected[i]!.coordinates[j]!))))
  expect(worst).toBeLessThanOrEqual(tolerance)
}

describe('captcha glyphs', () => {
  it('are what scripts/captcha-glyphs.ts reads from svg-captcha’s font today', () => {
    expect({ font: CAPTCHA_FONT, glyphs: CAPTCHA_GLYPHS }).toEqual(extractCaptchaGlyphs())
    expect(Object.keys(CAPTCHA_GLYPHS).sort().join('')).toBe([...ANSWER_CHARACTERS].sort().join(''))
  })

  it.each([
    [56, 20, 42],
    [200, -15.5, 180],
  ])('draw each character as opentype.js draws it from the font, at %d px', (fontSize, x, y) => {
    // Whole font units, and both sides' two decimals.
    const tolerance = (0.5 * fontSize) / CAPTCHA_FONT.unitsPerEm + 0.01
    for (const character of ANSWER_CHARACTERS) {
      const ours = parsePath(pathData(glyphOutline(character, x, y, fontSize)))
      const opentype = withoutEmptyLines(parsePath(svgCaptchaFont.getPath(character, x, y, fontSize).toPathData()))
      expect(ours.length, character).toBeGreaterThan(10)
      expectClose(ours, opentype, tolerance)
    }
  })
})

describe('captcha image', () => {
  const { answer, svg } = glyphCaptchaImages.draw()

  it('has an answer of four characters from the unambiguous set', () => {
    expect(answer).toMatch(new RegExp(`^[${ANSWER_CHARACTERS}]{4}$`))
  })

  it('is a 150×50 SVG on the login grey, with four character paths, two noise curves and no text', () => {
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="150" height="50" viewBox="0,0,150,50"><rect width="100%" height="100%" fill="#f2f3f5"\/>/,
    )
    expect(svg.endsWith('</svg>')).toBe(true)
    expect(svg.match(/<path fill="#[0-9a-f]{6}" d="M[^"]+Z"\/>/g)).toHaveLength(4)
    expect(svg.match(/<path d="M\d+ \d+ C\d+ \d+,\d+ \d+,\d+ \d+" stroke="#[0-9a-f]{6}" fill="none"\/>/g)).toHaveLength(2)
    expect(svg.match(/<path /g)).toHaveLength(6)
    expect(svg).not.toMatch(/<text|font/i)
  })

  it('shows the answer: each character centred in its fifth of the width, within the ±0.1 px jitter', () => {
    const drawn = [...svg.matchAll(/<path fill="[^"]+" d="([^"]+)"/g)].map(([, d]) => parsePath(d!))
    const scale = 56 / CAPTCHA_FONT.unitsPerEm
    const baseline = 25 + ((CAPTCHA_FONT.ascender + CAPTCHA_FONT.descender) * scale) / 2
    for (const [i, character] of [...answer].entries()) {
      const left = (148 / 5) * (i + 1) - (CAPTCHA_GLYPHS[character]!.advanceWidth * scale) / 2
      const expected = parsePath(pathData(glyphOutline(character, left, baseline, 56)))
      const match = drawn.find(
        (path) => path.length === expected.length && path[0]!.coordinates.every((value, j) => Math.abs(value - expected[0]!.coordinates[j]!) <= 0.11),
      )
      expect(match, `${character} at ${i}`).toBeDefined()
      expectClose(match!, expected, 0.11)
    }
  })

  it('differs from one drawing to the next', () => {
    expect(glyphCaptchaImages.draw().svg).not.toBe(svg)
  })
})
