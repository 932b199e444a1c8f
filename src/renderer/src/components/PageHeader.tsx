// A page's h1. It takes focus when the page opens, so screen readers announce where
// the user landed and keyboard users start from the top of the page.
import { Group, Title } from '@mantine/core'
import { useEffect, useRef, type ReactNode } from 'react'

interface PageHeaderProps {
  title: string
  actions?: ReactNode
  children?: ReactNode
}

export function PageHeader({ title, actions, children }: PageHeaderProps) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    document.title = `${title} · LMS Offline`
    // Only move focus on in-app navigation, not when the app first loads.
    if (document.activeElement && document.activeElement !== document.body) ref.current?.focus({ preventScroll: false })
  }, [title])
  return (
    <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
      <div>
        <Title order={1} size="h2" ref={ref} tabIndex={-1} style={{ outline: 'none' }}>
          {title}
        </Title>
        {children}
      </div>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  )
}
