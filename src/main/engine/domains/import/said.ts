// What the import says about a row, a column or a file: the English message (the hosted
// API's wording, also written to the error CSV) with its reason code and values beside it,
// for the screen to say in the trainer's language.
import type { Reason } from '../../../../shared/contract/result'
import { englishReason, type ReasonKey, type ReasonValues } from '../../reasons'

export interface Said {
  message: string
  reason: Reason
}

export function said(key: ReasonKey, values?: ReasonValues): Said {
  return { message: englishReason(key, values), reason: values ? { key, values } : { key } }
}
