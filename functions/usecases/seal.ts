/**
 * The association's round seal for the electronic membership certificate, drawn as SVG: the name
 * runs along the upper arc around a star, as on the paper seals the certificate replaces.
 */
export function sealSvgDataUrl(associationName: string): string {
  const escaped = associationName.replace(/[<>&"']/g, '')
  // The glyphs stand outward from the arc, so a larger font needs a smaller arc to stay inside the
  // ring: take the largest size whose run of characters still fits along its arc.
  const chars = Math.max(Array.from(escaped).length, 1)
  let fontSize = 22
  let radius = 80 - fontSize
  const arcLength = (r: number) => r * (Math.PI + 2 * Math.asin(10 / r))
  while (fontSize > 12 && chars * fontSize > arcLength(radius) * 0.9) {
    fontSize -= 1
    radius = 80 - fontSize
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200">
<defs><path id="arc" d="M ${100 - radius} 110 A ${radius} ${radius} 0 1 1 ${100 + radius} 110"/></defs>
<g fill="none" stroke="#d0021b" stroke-width="5" opacity="0.9"><circle cx="100" cy="100" r="92"/></g>
<text fill="#d0021b" font-size="${fontSize}" font-weight="bold" font-family="'Noto Serif CJK SC','Songti SC',serif"><textPath href="#arc" startOffset="50%" text-anchor="middle">${escaped}</textPath></text>
<polygon fill="#d0021b" points="100,70 109,94 135,94 114,109 122,134 100,119 78,134 86,109 65,94 91,94"/>
<text x="100" y="165" fill="#d0021b" font-size="15" text-anchor="middle" font-family="'Noto Serif CJK SC','Songti SC',serif">会员证专用章</text>
</svg>`
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
}
