// The import calls the import tests make, on an engine of their own: a file's text (or
// bytes) sent as base64 to the dry run, the commit or the error file.
import type { OpInput, OpName } from '../../src/shared/operations/index'
import type { AsyncTestClient, InputArgs } from '../support/client'

export const b64 = (content: string | Buffer) => (typeof content === 'string' ? Buffer.from(content, 'utf8') : content).toString('base64')

type FileOperation = Extract<OpName, 'import.dryRun' | 'import.commit' | 'import.errorCsv'>
/** What goes with the file: everything of the operation's input but the file itself. */
type WithFile<N extends FileOperation> = Omit<OpInput<N>, 'contentBase64' | 'path'>

/** `call` must succeed and `fails` must be refused; `dry` and `commit` name the two calls most tests make. */
export function importCalls(client: () => AsyncTestClient) {
  const input = <N extends FileOperation>(content: string | Buffer, extra: WithFile<N>) => ({ contentBase64: b64(content), ...extra }) as OpInput<N>
  const args = <N extends FileOperation>(content: string | Buffer, extra: WithFile<N>) => [input<N>(content, extra)] as InputArgs<N>
  const call = <N extends FileOperation>(name: N, content: string | Buffer, extra = {} as WithFile<N>) => client().call(name, ...args<N>(content, extra))
  const fails = <N extends FileOperation>(name: N, content: string | Buffer, extra = {} as WithFile<N>) => client().fails(name, ...args<N>(content, extra))
  return {
    call,
    fails,
    dry: (content: string | Buffer, extra: WithFile<'import.dryRun'> = {}) => call('import.dryRun', content, extra),
    dryFails: (content: string | Buffer, extra: WithFile<'import.dryRun'> = {}) => fails('import.dryRun', content, extra),
    commit: (content: string | Buffer, extra: WithFile<'import.commit'> = {}) => call('import.commit', content, extra),
    commitFails: (content: string | Buffer, extra: WithFile<'import.commit'> = {}) => fails('import.commit', content, extra),
  }
}
