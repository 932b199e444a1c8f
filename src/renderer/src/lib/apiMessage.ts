// What an operation answered in its `message` (the hosted API's English, such as "User
// created successfully"): shown as it is in English, and in the catalog's words in the
// other languages, so both read as the same outcome.
import { t, useI18n, type MessageId, type Values } from '../i18n'

export function apiMessage(english: string | undefined, key: MessageId, values?: Values): string {
  return english && useI18n.getState().locale === 'en' ? english : t(key, values)
}
