// Errors cross IPC and worker boundaries as data: Electron keeps only `message` of a
// thrown error, so every answer is an envelope. Field errors use the hosted API's
// Laravel convention (`errors: { field: [text] }`).

export type ErrorCode =
  | 'validation' // 422
  | 'not_found' // 404
  | 'conflict' // 409
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'bad_request' // 400
  | 'too_large' // 413
  | 'unavailable' // 503: needs the network, or the engine is restarting
  | 'disk_full' // 507: the disk holding the data folder is full
  | 'read_only' // 503: the data folder cannot be written
  | 'damaged' // 503: the database is damaged; writes are refused until a backup is restored
  | 'cancelled' // 499: the caller cancelled the job (app.cancelJob) before it finished
  | 'internal' // 500

/**
 * What went wrong as a message key of the reasons catalogs (src/shared/i18n/reasons) with
 * the values it names (field, rule, limit, ids), so the renderer can say it in the
 * trainer's language; `message` and `fields` stay the hosted API's English.
 */
export interface Reason {
  key: string
  values?: Record<string, string | number>
}

export interface ErrorPayload {
  code: ErrorCode
  status: number
  message: string
  fields?: Record<string, string[]>
  reason?: Reason
  /** Per field, the reason of each of `fields`' messages, in the same order. */
  fieldReasons?: Record<string, Reason[]>
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload }

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation: 422,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  bad_request: 400,
  too_large: 413,
  unavailable: 503,
  disk_full: 507,
  read_only: 503,
  damaged: 503,
  // nginx's "client closed request": no standard status says that the caller stopped the work.
  cancelled: 499,
  internal: 500,
}

export interface ErrorBody {
  message: string
  errors?: Record<string, string[]>
  /** Beside the documented keys: the reason codes of `message` and of `errors`. */
  reason?: Reason
  error_reasons?: Record<string, Reason[]>
}

/** The HTTP body for an error, as the hosted API answers it, with the reason codes alongside. */
export function errorBody(error: ErrorPayload): ErrorBody {
  return {
    message: error.message,
    ...(error.fields ? { errors: error.fields } : {}),
    ...(error.reason ? { reason: error.reason } : {}),
    ...(error.fieldReasons ? { error_reasons: error.fieldReasons } : {}),
  }
}
