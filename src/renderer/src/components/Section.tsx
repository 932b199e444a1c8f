// A titled part of a page: a bordered section named by its h2, so screen readers list it
// among the page's landmarks.
import { Paper, Title, type PaperProps } from '@mantine/core'
import type { ReactNode } from 'react'

interface SectionProps extends PaperProps {
  /** The heading's id, which names the section. */
  id: string
  title: ReactNode
  children?: ReactNode
}

export function Section({ id, title, children, ...paper }: SectionProps) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id} {...paper}>
      <Title order={2} size="h4" id={id} mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  )
}
