// Every operation the engine answers, in one list. The typed client, IPC, the HTTP
// router and the engine's handler table are all derived from it.
import type { OpInputOf, OpOutputOf, OpParsedOf, OpPhaseOf, SyncMeta } from '../contract/operation'
import { appOperations } from './app'
import { assignmentOperations } from './assignments'
import { attendanceOperations } from './attendance'
import { auditOperations } from './audit'
import { certificateOperations } from './certificates'
import { classOperations } from './classes'
import { courseOperations } from './courses'
import { discussionOperations } from './discussions'
import { gradingOperations } from './grading'
import { importOperations } from './import'
import { progressOperations } from './progress'
import { syncOperations } from './sync'
import { userOperations } from './users'
import { announcementOperations } from './announcements'
import { badgeOperations } from './badges'
import { categoryOperations } from './categories'
import { couponOperations } from './coupons'
import { accredibleOperations } from './accredible'
import { twoFactorOperations } from './two-factor'
import { userFieldOperations } from './user-fields'
import { userAddressOperations } from './user-addresses'
import { userReportOperations } from './user-reports'
import { userAccountOperations } from './user-account'
import { courseAdminOperations } from './course-admin'
import { courseReportOperations } from './course-reports'
import { pickerOperations } from './pickers'

export const operations = [
  ...userOperations,
  ...courseOperations,
  ...progressOperations,
  ...assignmentOperations,
  ...discussionOperations,
  ...auditOperations,
  ...appOperations,
  ...gradingOperations,
  ...syncOperations,
  ...certificateOperations,
  ...importOperations,
  ...announcementOperations,
  ...badgeOperations,
  ...categoryOperations,
  ...couponOperations,
  ...accredibleOperations,
  ...twoFactorOperations,
  ...userFieldOperations,
  ...userAddressOperations,
  ...userReportOperations,
  ...userAccountOperations,
  ...courseAdminOperations,
  ...courseReportOperations,
  ...classOperations,
  ...attendanceOperations,
  ...pickerOperations,
] as const

export type AnyOperation = (typeof operations)[number]
export type OpName = AnyOperation['name']
export type OperationNamed<N extends OpName> = Extract<AnyOperation, { name: N }>
/** What a caller may send (before defaults and coercion). */
export type OpInput<N extends OpName> = OpInputOf<OperationNamed<N>>
/** What a handler receives (after validation). */
export type OpParsed<N extends OpName> = OpParsedOf<OperationNamed<N>>
export type OpOutput<N extends OpName> = OpOutputOf<OperationNamed<N>>
/** The operations a local write queues for the hosted LMS: every write declared with sync metadata. */
export type QueuedOperation = Extract<AnyOperation, { kind: 'write'; sync: SyncMeta }>
export type QueuedName = QueuedOperation['name']
/** Long-running operations (kind 'job'): asynchronous, cancellable, reporting progress. */
export type JobName = Extract<AnyOperation, { kind: 'job' }>['name']
/** The phases a job's progress events name (besides how it ends). */
export type OpPhase<N extends OpName> = OpPhaseOf<OperationNamed<N>>
/** What may be kept as a query and read again when its entities change: reads, and jobs that write nothing (the import's check). */
export type QueryName = Extract<AnyOperation, { kind: 'read' } | { kind: 'job'; writes: false }>['name']

/** Fails at start-up when a name is declared twice. */
export function indexOperations(list: readonly AnyOperation[]): ReadonlyMap<string, AnyOperation> {
  const byName = new Map<string, AnyOperation>()
  for (const op of list) {
    if (byName.has(op.name)) throw new Error(`Operation "${op.name}" is declared twice`)
    byName.set(op.name, op)
  }
  return byName
}

export const operationsByName = indexOperations(operations)
