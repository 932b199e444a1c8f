// A small multipart/form-data reader for the one documented upload route: file parts
// become `{ name, contentBase64, mime }`, other parts their text. The body is already
// size-limited by the server before it gets here.

export type FormValue = string | { name: string; contentBase64: string; mime: string }

export class MultipartError extends Error {}

function boundaryOf(contentType: string): string {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  const boundary = match?.[1] ?? match?.[2]
  if (!boundary || boundary.length > 200) throw new MultipartError('The multipart body has no boundary.')
  return boundary.trim()
}

function headerParam(header: string, name: string): string | undefined {
  const star = new RegExp(`${name}\\*=UTF-8''([^;]+)`, 'i').exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[1])
    } catch {
      return undefined
    }
  }
  return new RegExp(`${name}="([^"]*)"`, 'i').exec(header)?.[1] ?? new RegExp(`${name}=([^;\\s]+)`, 'i').exec(header)?.[1]
}

export function parseMultipart(body: Buffer, contentType: string): Record<string, FormValue> {
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`)
  const out: Record<string, FormValue> = {}
  let position = body.indexOf(delimiter)
  if (position < 0) throw new MultipartError('The multipart body does not contain its boundary.')
  let parts = 0
  for (;;) {
    position += delimiter.length
    if (body.subarray(position, position + 2).toString() === '--') break
    if (body.subarray(position, position + 2).toString() === '\r\n') position += 2
    const next = body.indexOf(delimiter, position)
    if (next < 0) throw new MultipartError('The multipart body ends before its closing boundary.')
    const part = body.subarray(position, next - 2) // the CRLF before the delimiter belongs to it
    const headerEnd = part.indexOf('\r\n\r\n')
    if (headerEnd < 0) throw new MultipartError('A multipart part has no headers.')
    const headers = part.subarray(0, headerEnd).toString('utf8')
    const content = part.subarray(headerEnd + 4)
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? ''
    const field = headerParam(disposition, 'name')
    if (!field) throw new MultipartError('A multipart part has no field name.')
    if (field === '__proto__' || field === 'constructor' || field === 'prototype') throw new MultipartError('Invalid field name.')
    const filename = headerParam(disposition, 'filename')
    const mime = /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream'
    out[field] = filename !== undefined ? { name: filename, contentBase64: content.toString('base64'), mime } : content.toString('utf8')
    if (++parts > 50) throw new MultipartError('Too many multipart parts.')
    position = next
  }
  return out
}
