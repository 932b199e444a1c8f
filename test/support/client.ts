// The typed test client: tests call operations by their declared name with the declared
// input and get the declared output, so a renamed operation or a changed input fails
// `npm run typecheck` instead of a test run. One shape over every transport: the engine
// in this process (answering now or later), the engine host's worker and HTTP.
import { expect } from 'vitest'
import type { ErrorPayload, Result } from '../../src/shared/contract/result'
import type { OpInput, OpName, OpOutput } from '../../src/shared/operations/index'

/** The input may be left out where the operation requires none (it is read as `{}`). */
export type InputArgs<N extends OpName> = {} extends OpInput<N> ? [input?: OpInput<N>] : [input: OpInput<N>]

/** The value of a successful answer; fails the test with the error otherwise. */
export function ok<T = any>(result: Result<unknown>): T {
  if (!result.ok) expect.fail(`expected success, got ${JSON.stringify(result.error)}`)
  return result.value as T
}

/** The error of a refused call; fails the test when the call succeeded. */
export function err(result: Result<unknown>): ErrorPayload {
  if (result.ok) expect.fail(`expected an error, got ${JSON.stringify(result.value).slice(0, 500)}`)
  return result.error
}

export interface TestClient {
  /** The answer of a call that must succeed. */
  call<N extends OpName>(name: N, ...input: InputArgs<N>): OpOutput<N>
  /** The error (code, status, reason, fields) of a call that must be refused. */
  fails<N extends OpName>(name: N, ...input: InputArgs<N>): ErrorPayload
  /** The answer envelope, for tests that look at success and refusal alike. */
  result<N extends OpName>(name: N, ...input: InputArgs<N>): Result<OpOutput<N>>
  /** Input the declaration does not allow, sent on purpose (validation, fuzz, hostile input). */
  raw(name: OpName, input: unknown): Result<unknown>
}

/** The same calls over a transport that answers later (invokeAsync, the worker, HTTP). */
export interface AsyncTestClient {
  call<N extends OpName>(name: N, ...input: InputArgs<N>): Promise<OpOutput<N>>
  fails<N extends OpName>(name: N, ...input: InputArgs<N>): Promise<ErrorPayload>
  result<N extends OpName>(name: N, ...input: InputArgs<N>): Promise<Result<OpOutput<N>>>
  raw(name: OpName, input: unknown): Promise<Result<unknown>>
}

export function testClient(send: (name: OpName, input: unknown) => Result<unknown>): TestClient {
  const result = (name: OpName, input: unknown[]) => send(name, input[0] ?? {}) as Result<never>
  return {
    call: (name, ...input) => ok(result(name, input)),
    fails: (name, ...input) => err(result(name, input)),
    result: (name, ...input) => result(name, input),
    raw: send,
  }
}

export function asyncTestClient(send: (name: OpName, input: unknown) => Promise<Result<unknown>>): AsyncTestClient {
  const result = (name: OpName, input: unknown[]) => send(name, input[0] ?? {}) as Promise<Result<never>>
  return {
    call: async (name, ...input) => ok(await result(name, input)),
    fails: async (name, ...input) => err(await result(name, input)),
    result: (name, ...input) => result(name, input),
    raw: send,
  }
}
