// The engine's avatars are small SVG documents (initials on a colour); shown as an
// image from a data URL, which the Content-Security-Policy allows (img-src data:).
export function Avatar({ svg, size = 28 }: { svg: string; size?: number }) {
  if (!svg.trimStart().startsWith('<svg')) return null
  return <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt="" width={size} height={size} style={{ borderRadius: '50%', flex: 'none' }} />
}
