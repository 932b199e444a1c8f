// Where the app's own page comes from, and how a URL's origin is compared with it. Node's
// URL gives "null" as the origin of a custom scheme (app:), so it is written out here.
export const APP_SCHEME = 'app'
export const APP_HOST = 'lms'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** `scheme://host[:port]` of a URL (of the URL inside a blob: URL), or null when it has none. */
export function originOf(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url.startsWith('blob:') ? url.slice('blob:'.length) : url)
  } catch {
    return null
  }
  if (parsed.username || parsed.password || !parsed.host) return null
  return `${parsed.protocol}//${parsed.host}`
}

/** The page's origin: the dev server's in development, app://lms otherwise. */
export function trustedOrigin(devServerUrl: string | undefined): string {
  return devServerUrl ? (originOf(devServerUrl) ?? 'invalid:') : APP_ORIGIN
}

/** Exactly the trusted origin: `localhost:5173` does not pass for `localhost:51730`, nor `app://lms.evil` for `app://lms`. */
export function isTrustedUrl(url: string, devServerUrl: string | undefined): boolean {
  return !url.startsWith('blob:') && originOf(url) === trustedOrigin(devServerUrl)
}
