// The import calls the import tests make, on an engine of their own: a file's text (or
// bytes) sent as base64 to the dry run, the commit or any import operation.
import type { Engine } from '../../src/main/engine/engine'

export const b64 = (content: string | Buffer) => (typeof content === 'string' ? Buffer.from(content, 'utf8') : content).toString('base64')

export function importCalls(engine: () => Engine) {
  const call = (name: string, content: string | Buffer, extra: Record<string, unknown> = {}) => engine().invokeAsync(name, { contentBase64: b64(content), ...extra })
  return {
    call,
    dry: (content: string | Buffer, extra: Record<string, unknown> = {}) => call('import.dryRun', content, extra),
    commit: (content: string | Buffer, extra: Record<string, unknown> = {}) => call('import.commit', content, extra),
  }
}
