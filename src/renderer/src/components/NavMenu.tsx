// The main navigation: plain links to hash routes, so they work with the keyboard,
// the back button and reloads.
import { Badge, NavLink, Stack } from '@mantine/core'
import { PAGE_KEYS, PAGE_LABELS, routeHref, useNavigation } from '../state/navigation'
import { READY_PAGES } from '../pages/registry'

export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const page = useNavigation((s) => s.route.page)
  return (
    <Stack gap={2}>
      {PAGE_KEYS.map((key) => (
        <NavLink
          key={key}
          href={routeHref({ page: key })}
          label={PAGE_LABELS[key]}
          active={page === key}
          aria-current={page === key ? 'page' : undefined}
          onClick={onNavigate}
          rightSection={
            READY_PAGES.has(key) ? undefined : (
              <Badge size="xs" variant="light" color="gray">
                later
              </Badge>
            )
          }
        />
      ))}
    </Stack>
  )
}
