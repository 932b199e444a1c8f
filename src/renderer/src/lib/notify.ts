// Successes and failures are shown as Mantine notifications, which are role="alert"
// and so announced by screen readers.
import { notifications } from '@mantine/notifications'
import { t } from '../i18n'
import { errorMessage } from './errors'

// The close button needs a name and the description full contrast (axe, WCAG AA).
const accessible = () =>
  ({
    closeButtonProps: { 'aria-label': t('notify.dismiss') },
    styles: { description: { color: 'var(--mantine-color-text)' } },
  }) as const

export function notifySuccess(message: string, title?: string): void {
  notifications.show({ color: 'teal', title, message, autoClose: 6000, ...accessible() })
}

export function notifyWarning(message: string, title?: string): void {
  notifications.show({ color: 'orange', title, message, autoClose: 10000, ...accessible() })
}

export function notifyError(error: unknown, title = t('notify.failed')): void {
  notifications.show({ color: 'red', title, message: errorMessage(error), autoClose: 10000, ...accessible() })
}
