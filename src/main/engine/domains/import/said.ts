// What the import says about a row, a column or a file: the English message (the hosted
// API's wording, also written to the error CSV) with its reason code and values beside it,
// for the screen to say in the trainer's language.
import type { Reason } from '../../../../shared/contract/result'
import { englishReason, type ReasonKey, type ReasonValues } from '../../reasons'

export interface Said {
  message: string
  reason: Reason
}

// A reason without values is worded once: a file of millions of bad rows says the same few things.
const constant = new Map<ReasonKey, Said>()

export function said(key: ReasonKey, values?: ReasonValues): Said {
  if (values) return { message: englishReason(key, values), reason: { key, values } }
  let found = constant.get(key)
  if (!found) constant.set(key, (found = Object.freeze({ message: englishReason(key), reason: Object.freeze({ key }) })))
  return found
}
