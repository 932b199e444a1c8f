import { AppShell, Burger, Group, Text } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { useEffect } from 'react'
import { NavMenu } from './components/NavMenu'
import { StatusBar } from './components/StatusBar'
import { PageView } from './pages/registry'
import { useT } from './i18n'
import { startStatusUpdates } from './state/status'
import { startQueryInvalidation } from './data/queries'

export function App() {
  const [navOpened, { toggle, close }] = useDisclosure(false)
  const t = useT()
  useEffect(() => startStatusUpdates(), [])
  useEffect(() => startQueryInvalidation(), [])

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 210, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={navOpened ? t('app.closeNav') : t('app.openNav')} />
            {/* On a phone the name gives its room to the sync status. */}
            <Text fw={700} size="lg" style={{ whiteSpace: 'nowrap' }} visibleFrom="xs">
              {t('app.name')}
            </Text>
          </Group>
          <StatusBar />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('app.mainNav')}>
        <NavMenu onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main>
        <PageView />
      </AppShell.Main>
    </AppShell>
  )
}
