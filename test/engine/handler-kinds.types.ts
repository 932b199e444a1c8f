// Compile-time checks (run by `npm run typecheck`, never executed): a handler's type follows
// its operation's declared kind. Each `@ts-expect-error` fails the typecheck if the line
// below it stops being an error, so these prove the compiler refuses the mismatch.
import { z } from 'zod'
import { defineOperation, returns } from '../../src/shared/contract/operation'
import type { CommitResult } from '../../src/shared/operations/import'
import { defineHandlers } from '../../src/main/engine/handlers'

declare const committed: CommitResult

// A job's handler answers a promise and is handed its JobControl.
defineHandlers({
  async 'import.commit'(_ctx, _input, job) {
    job.progress('writing', 1, 2)
    if (job.signal.aborted) job.progress('cancelled', 1, 2)
    return committed
  },
})

defineHandlers({
  // @ts-expect-error a job cannot be registered as a read or write: a synchronous answer is refused
  'import.commit'() {
    return committed
  },
})

defineHandlers({
  async 'import.commit'(_ctx, _input, job) {
    // @ts-expect-error a job reports only the phases its declaration names (and how it ends)
    job.progress('rendering', 1, 2)
    return committed
  },
})

// A write answers at once, inside its transaction.
defineHandlers({
  'users.create'() {
    return { id: 1, message: 'User created successfully' }
  },
})

defineHandlers({
  // @ts-expect-error a write cannot be registered as a job: its transaction would end before a promise settles
  async 'users.create'() {
    return { id: 1, message: 'User created successfully' }
  },
})

defineHandlers({
  // @ts-expect-error a read cannot answer a promise either
  'users.get'() {
    return Promise.resolve(null as never)
  },
})

// A job's declaration names its phases and whether it writes, and its input takes a jobId.
defineOperation({
  name: 'example.job',
  summary: 'A job for the type checks',
  kind: 'job',
  writes: false,
  phases: ['working'],
  method: 'POST',
  route: null,
  input: z.object({ jobId: z.string().optional() }),
  output: returns<null>(),
})

// @ts-expect-error every job's input takes the jobId (a string) its progress events and cancel name
defineOperation({
  name: 'example.job',
  summary: 'A job whose input cannot name it',
  kind: 'job',
  writes: false,
  phases: ['working'],
  method: 'POST',
  route: null,
  input: z.object({ jobId: z.number() }),
  output: returns<null>(),
})

// @ts-expect-error a job says whether it writes (refused on a damaged database, never resent)
defineOperation({
  name: 'example.job',
  summary: 'A job that does not say whether it writes',
  kind: 'job',
  phases: ['working'],
  method: 'POST',
  route: null,
  input: z.object({}),
  output: returns<null>(),
})
