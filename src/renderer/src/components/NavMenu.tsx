// The main navigation: plain links to hash routes, so they work with the keyboard,
// the back button and reloads.
import { NavLink, Stack, Text } from '@mantine/core'
import { Fragment } from 'react'
import { useT } from '../i18n'
import { ADMIN_PAGES, PAGE_KEYS, PAGE_LABELS, routeHref, useNavigation } from '../state/navigation'

export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const page = useNavigation((s) => s.route.page)
  const t = useT()
  return (
    <Stack gap={2}>
      {PAGE_KEYS.map((key, i) => (
        <Fragment key={key}>
          {ADMIN_PAGES.has(key) && !ADMIN_PAGES.has(PAGE_KEYS[i - 1]) && (
            <Text size="xs" fw={700} tt="uppercase" px="sm" pt="sm">
              {t('nav.admin')}
            </Text>
          )}
          <NavLink
            href={routeHref({ page: key })}
            label={t(PAGE_LABELS[key])}
            active={page === key}
            aria-current={page === key ? 'page' : undefined}
            onClick={onNavigate}
          />
        </Fragment>
      ))}
    </Stack>
  )
}
