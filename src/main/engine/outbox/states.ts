// The queue's states and record types, shared by the outbox's modules.
import type { OpInputOf } from '../../../shared/contract/operation'
import type { QueuedOperation } from '../../../shared/operations/index'
import type { ChangeRecordRow } from '../db/schema'

export const UNSENT_STATES = ['pending', 'sending', 'parked'] as const
/** States a record is still to be sent in (parked records wait for the user). */
export const SENDABLE = ['pending', 'sending'] as const

export type OutboxRecord = ChangeRecordRow
export type OutboxMark = Partial<Pick<ChangeRecordRow, 'state' | 'last_error' | 'next_attempt_at' | 'blocked_reason' | 'attempts' | 'input'>> & { accepted_at?: string | null }

/** What a queued record of an operation holds: an input that operation takes (its schema checks it again on a retry). */
export type QueuedInput<O extends QueuedOperation> = OpInputOf<O>
