// The one declaration of an operation: its name, documented route, input schema, kind
// (read, write or job) and (for writes) what sync needs to know. Engine handlers, IPC,
// the HTTP server, the typed client and the tests all derive from these objects.
import type { z } from 'zod'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

/** Entities whose local ids appear in queued change records and must be mapped by sync. */
export type EntityName =
  | 'user'
  | 'course'
  | 'enrollment'
  | 'module'
  | 'category'
  | 'module_status'
  | 'submission'
  | 'evaluation'
  | 'announcement'
  | 'badge'
  | 'coupon'
  | 'import_chunk'
  | 'custom_user_field'
  | 'address'
  | 'certificate_template'
  | 'user_certificate'
  | 'class'
  | 'class_enrollment'
  | 'location'
  | 'instructor'

export interface SyncMeta {
  /** The entity the change record is about. */
  entity: EntityName
  /**
   * Input fields that hold local ids, by path: `id`, `studentIds` (an array of ids) or
   * `modules[].module_id` (a field of each element of an array).
   */
  refs: Record<string, EntityName>
}

/** Phantom marker carrying the output type; never inspected at run time. */
export interface Returns<O> {
  readonly __output?: O
}
export const returns = <O>(): Returns<O> => ({})

interface OperationBase<N extends string, S extends z.ZodType, O> {
  name: N
  summary: string
  input: S
  output: Returns<O>
  /**
   * Input fields only callers inside this computer's app may send (the desktop app over
   * IPC, code in the process), each with why: over HTTP they are refused (a path to read).
   */
  localOnly?: Readonly<Record<string, string>>
}

export interface ReadOperation<N extends string = string, S extends z.ZodType = z.ZodType, O = unknown>
  extends OperationBase<N, S, O> {
  kind: 'read'
  /** Documented route like `GET api/user/{id}`; null for app operations served at POST /app/<name>. */
  method: HttpMethod
  route: string | null
}

export interface WriteOperation<N extends string = string, S extends z.ZodType = z.ZodType, O = unknown, Y extends SyncMeta | null = SyncMeta | null>
  extends OperationBase<N, S, O> {
  kind: 'write'
  method: HttpMethod
  route: string | null
  /** What sync needs, or null for a write that stays on this computer; typed as declared, so the queued operations are known to the compiler. */
  sync: Y
}

/** Where a job is, as its progress events and the last progress kept for it say. */
export type JobPhase<P extends string = string> = P | JobEnd
/** How every job ends: the engine reports the one the job did not report itself. */
export type JobEnd = 'done' | 'cancelled' | 'failed'

/** Every job's input may name the job: progress events carry that id, and app.cancelJob stops it. */
export interface JobInput {
  jobId?: string
}

/**
 * Long-running work that answers later (a PDF, an import, a sync run): asynchronous,
 * outside any transaction of the engine's (it runs its own), reporting progress events
 * and stopping at its next checkpoint when cancelled.
 */
export interface JobOperation<N extends string = string, S extends z.ZodType = z.ZodType, O = unknown, P extends string = string, W extends boolean = boolean>
  extends OperationBase<N, S, O> {
  kind: 'job'
  method: HttpMethod
  route: string | null
  /**
   * Whether its own transactions change rows: such a job is refused on a damaged database
   * and never resent; one that writes nothing may be read as a query (the import's check).
   */
  writes: W
  /** The phases its progress events name, besides how it ends (JobEnd). */
  phases: readonly P[]
}

export type Operation<N extends string = string, S extends z.ZodType = z.ZodType, O = unknown> =
  | ReadOperation<N, S, O>
  | WriteOperation<N, S, O>
  | JobOperation<N, S, O>

export type OperationKind = Operation['kind']

/** Writes, and jobs that write: refused on a damaged database, never resent blindly. */
export const writesData = (operation: Operation): boolean => operation.kind === 'write' || (operation.kind === 'job' && operation.writes)

export function defineOperation<const N extends string, S extends z.ZodType, O>(
  op: ReadOperation<N, S, O>,
): ReadOperation<N, S, O>
export function defineOperation<const N extends string, S extends z.ZodType, O, const Y extends SyncMeta | null>(
  op: WriteOperation<N, S, O, Y>,
): WriteOperation<N, S, O, Y>
export function defineOperation<const N extends string, S extends z.ZodType<JobInput>, O, const P extends string, const W extends boolean>(
  op: JobOperation<N, S, O, P, W>,
): JobOperation<N, S, O, P, W>
export function defineOperation(op: Operation): Operation {
  return Object.freeze(op)
}

export type OpInputOf<T> = T extends Operation<string, infer S, unknown> ? z.input<S> : never
export type OpParsedOf<T> = T extends Operation<string, infer S, unknown> ? z.output<S> : never
export type OpOutputOf<T> = T extends Operation<string, z.ZodType, infer O> ? O : never
/** The phases a job's progress names (never for reads and writes). */
export type OpPhaseOf<T> = T extends JobOperation<string, z.ZodType, unknown, infer P> ? P : never
