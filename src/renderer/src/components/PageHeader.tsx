// A page's h1. It takes focus when the page opens, so screen readers announce where
// the user landed and keyboard users start from the top of the page.
import { Group, Text, Title } from '@mantine/core'
import { useEffect, useRef, type ReactNode } from 'react'
import { useT } from '../i18n'
import { useNavigation } from '../state/navigation'

interface PageHeaderProps {
  title: string
  /** A line under the title saying what the page is for. */
  intro?: string
  actions?: ReactNode
  children?: ReactNode
}

export function PageHeader({ title, intro, actions, children }: PageHeaderProps) {
  const ref = useRef<HTMLHeadingElement>(null)
  const t = useT()
  useEffect(() => {
    document.title = t('app.documentTitle', { page: title })
    // After in-app navigation (not on first load) the heading takes focus, even when the
    // page shows it only once its data has loaded.
    if (useNavigation.getState().focusPending) {
      ref.current?.focus()
      useNavigation.setState({ focusPending: false })
    }
  }, [title, t])
  return (
    <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
      <div>
        <Title order={1} size="h2" ref={ref} tabIndex={-1} style={{ outline: 'none' }}>
          {title}
        </Title>
        {intro && (
          <Text size="sm" c="dimmed">
            {intro}
          </Text>
        )}
        {children}
      </div>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  )
}
