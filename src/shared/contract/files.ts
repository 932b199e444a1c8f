// Uploaded files are content-addressed in the data folder and named by URLs of the form
// lms-file://uploads/<sha256>/<file name>. The desktop app serves that scheme itself; in
// browser mode the local server answers the same file at /files/<sha256>/<file name>.
// Plain data without zod: the renderer's first load imports this module.

/** What `allowed_filetypes` may name, and the file extensions each one admits. */
export const FILE_TYPE_EXTENSIONS = {
  image: ['png', 'jpg', 'jpeg', 'gif', 'webp'],
  pdf: ['pdf'],
  text: ['txt', 'md', 'csv'],
  document: ['doc', 'docx', 'odt', 'rtf'],
  spreadsheet: ['xls', 'xlsx', 'ods'],
  presentation: ['ppt', 'pptx', 'odp'],
  archive: ['zip'],
  audio: ['mp3', 'wav', 'm4a'],
  video: ['mp4', 'mov', 'webm'],
} as const
export type FileTypeName = keyof typeof FILE_TYPE_EXTENSIONS

export const UPLOAD_URL_PREFIX = 'lms-file://uploads/'

export function uploadUrl(sha256: string, name: string): string {
  return `${UPLOAD_URL_PREFIX}${sha256}/${encodeURIComponent(name)}`
}

export function parseUploadUrl(url: string): { sha256: string; name: string } | null {
  if (!url.startsWith(UPLOAD_URL_PREFIX)) return null
  const [sha256, encoded, ...rest] = url.slice(UPLOAD_URL_PREFIX.length).split('/')
  if (!/^[0-9a-f]{64}$/.test(sha256 ?? '') || !encoded || rest.length) return null
  try {
    return { sha256, name: decodeURIComponent(encoded) }
  } catch {
    return null
  }
}

/** Where browser mode's server answers an upload URL. */
export function uploadHttpPath(url: string): string | null {
  const parsed = parseUploadUrl(url)
  return parsed ? `/files/${parsed.sha256}/${encodeURIComponent(parsed.name)}` : null
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot >= 0 ? name.slice(dot + 1).toLowerCase() : ''
}

export function fileTypeOf(name: string): FileTypeName | null {
  const ext = extensionOf(name)
  for (const [type, extensions] of Object.entries(FILE_TYPE_EXTENSIONS) as [FileTypeName, readonly string[]][]) {
    if (extensions.includes(ext)) return type
  }
  return null
}

/** How the grading panel can show a file: inline image, PDF or text, or only open it. */
export function previewKind(name: string): 'image' | 'pdf' | 'text' | 'external' {
  const type = fileTypeOf(name)
  return type === 'image' || type === 'pdf' || type === 'text' ? type : 'external'
}
