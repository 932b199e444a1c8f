// The outbox: the one module that reads and writes change_records, the durable queue of
// local writes for the hosted LMS. The engine enqueues in the same transaction as the
// domain rows (typed by the queued operation's input); sync reads what is unsent and
// records what each attempt meant; the user retries (with an input checked again by the
// operation's own schema) or discards. Nothing else touches the table.
// Split by concern: states.ts, records.ts (the records' life), secrets.ts (sealed while
// waiting, forgotten once settled), row-questions.ts, pending-list.ts.
export * from './states'
export * from './records'
export { sealSecretsWith, sealWaitingSecrets, sendableInput, settlePurges } from './secrets'
export * from './row-questions'
export * from './pending-list'
