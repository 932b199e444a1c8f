// The hosted API answers avatars as inline SVG circles with initials.
const COLORS = ['#03A9F4', '#673AB7', '#FF5722', '#00BCD4', '#4CAF50', '#E91E63', '#9C27B0', '#3F51B5', '#009688', '#FF9800']

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string)

export function avatarSvg(id: number, firstName: string, lastName: string, size: 40 | 100 = 40): string {
  const initials = escapeXml(
    (Array.from(firstName.trim())[0] ?? '').toUpperCase() + (Array.from(lastName.trim())[0] ?? '').toUpperCase(),
  )
  const color = COLORS[Math.abs(id) % COLORS.length]
  const r = size / 2
  const fontSize = size === 40 ? 14 : 40
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}"><circle cx="${r}" cy="${r}" r="${r}" stroke="background" stroke-width="0" fill="${color}" /><text x="${r}" y="${r}" font-size="${fontSize}" fill="#FFFFFF" alignment-baseline="middle" text-anchor="middle" dominant-baseline="central">${initials}</text></svg>`
}
