// The typed test client over HTTP: an operation's documented request (the same
// buildRequest the renderer's browser mode sends) to a running server, the answer read
// back into the engine's envelope. Success is a 200; anything else is the error it carries.
import { buildRequest, errorFromHttp } from '../../src/shared/contract/http-request'
import { operationsByName } from '../../src/shared/operations/index'
import { request } from '../http/server'
import { asyncTestClient, type AsyncTestClient } from './client'

/** `headers`: sent with every call (a token, a cookie). */
export function httpClient(server: { port: number }, headers: Record<string, string> = {}): AsyncTestClient {
  return asyncTestClient(async (name, input) => {
    const operation = operationsByName.get(name)
    if (!operation) throw new Error(`No operation named ${name}`)
    const parts = buildRequest(operation, (input ?? {}) as Record<string, unknown>)
    const answer = await request(server, parts.method, parts.path, { rawBody: parts.body, headers })
    if (answer.status === 200) return { ok: true, value: answer.json ?? answer.text }
    return { ok: false, error: errorFromHttp(answer.status, answer.json) }
  })
}
