// The shell's small decisions on their own: which renderer file an app:// URL names, which
// origin is trusted, which downloads are saved and under what name.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { rendererFileOf } from '../../src/main/shell/app-protocol'
import { isAllowedDownload, safeFileName } from '../../src/main/shell/downloads'
import { isTrustedUrl, originOf } from '../../src/main/shell/origins'
import { withAppPolicy } from '../../src/main/shell/response-policy'
import { CONTENT_SECURITY_POLICY } from '../../src/main/server/static-files'
import { UPLOAD_SANDBOX } from '../../src/main/server/upload-files'

const root = path.resolve('/srv/app/out/renderer')

describe('rendererFileOf', () => {
  it('names files inside the renderer folder and nothing outside it', () => {
    expect(rendererFileOf(root, 'app://lms/index.html')).toBe(path.join(root, 'index.html'))
    expect(rendererFileOf(root, 'app://lms/')).toBe(path.join(root, 'index.html'))
    expect(rendererFileOf(root, 'app://lms/assets/index-1.js?v=2#x')).toBe(path.join(root, 'assets/index-1.js'))
    expect(rendererFileOf(root, 'app://lms/assets/a%20b.js')).toBe(path.join(root, 'assets/a b.js'))
    for (const url of ['app://lms/..%2f..%2fmain%2findex.js', 'app://lms/%2e%2e%2f%2e%2e%2fetc%2fpasswd', 'app://lms/assets/..%2f..%2f..%2fx']) {
      const file = rendererFileOf(root, url)
      expect(file === null || file.startsWith(root + path.sep), url).toBe(true)
    }
    for (const url of ['app://lms/..%5c..%5cx', 'app://lms/a%00b', 'app://lms/%E0%A4%A', 'app://user@lms/index.html', 'app://lms:1/index.html', 'app://other/index.html', 'file:///srv/app/out/renderer/index.html', 'not a url']) {
      expect(rendererFileOf(root, url), url).toBeNull()
    }
  })
})

describe('origins', () => {
  it('are compared whole', () => {
    expect(originOf('app://lms/index.html#/x')).toBe('app://lms')
    expect(originOf('blob:app://lms/1234')).toBe('app://lms')
    expect(originOf('http://localhost:5173/a')).toBe('http://localhost:5173')
    expect(originOf('app://u:p@lms/')).toBeNull()
    expect(isTrustedUrl('app://lms/index.html', undefined)).toBe(true)
    expect(isTrustedUrl('blob:app://lms/1', undefined)).toBe(false)
    expect(isTrustedUrl('http://localhost:5173/#/x', 'http://localhost:5173')).toBe(true)
    expect(isTrustedUrl('http://localhost:51730/', 'http://localhost:5173')).toBe(false)
    expect(isTrustedUrl('http://localhost:5173@evil.example/', 'http://localhost:5173')).toBe(false)
  })
})

describe('downloads', () => {
  it("allow the page's own blobs and stored uploads only", () => {
    expect(isAllowedDownload('blob:app://lms/1', undefined)).toBe(true)
    expect(isAllowedDownload('lms-file://uploads/abc/x.pdf', undefined)).toBe(true)
    expect(isAllowedDownload('blob:http://localhost:5173/1', 'http://localhost:5173')).toBe(true)
    expect(isAllowedDownload('blob:http://localhost:5173/1', undefined)).toBe(false)
    expect(isAllowedDownload('https://example.com/x.pdf', undefined)).toBe(false)
    expect(isAllowedDownload('lms-file://other/x', undefined)).toBe(false)
  })

  it('save under a plain file name', () => {
    expect(safeFileName('Sign-in sheet – Fire Safety.pdf')).toBe('Sign-in sheet – Fire Safety.pdf')
    expect(safeFileName('..\\..\\Windows\\evil.dll')).toBe('evil.dll')
    expect(safeFileName('a/b/c:d*e?.csv')).toBe('c_d_e_.csv')
    expect(safeFileName('.hidden')).toBe('hidden')
    expect(safeFileName('nul')).toBe('download-nul')
    expect(safeFileName('line\nbreak.txt')).toBe('line_break.txt')
    expect(safeFileName('')).toBe('download')
    expect(safeFileName('x'.repeat(500)).length).toBe(200)
  })
})

describe('the session adds the app policy to every response', () => {
  it("keeps a stored upload's sandbox policy and adds the app's, whatever the header's case", () => {
    expect(withAppPolicy({ 'content-security-policy': [UPLOAD_SANDBOX], 'Content-Type': ['text/plain'] })).toEqual({
      'Content-Type': ['text/plain'],
      'Content-Security-Policy': [UPLOAD_SANDBOX, CONTENT_SECURITY_POLICY],
    })
    expect(withAppPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
    // A page that already carries the app policy (app://) gets it once.
    expect(withAppPolicy({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY])
  })
})
