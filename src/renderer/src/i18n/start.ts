// Starts the language as the app opens: the profile's choice from the engine, else the
// system's. Imported for its effect by the first screen's modules.
import { lms } from '../api/client'
import { startI18n } from './index'

export const i18nReady = startI18n(() => lms.call('app.settings', {}).then((s) => s.locale))
