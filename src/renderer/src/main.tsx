import '@mantine/core/styles.css'
import '@mantine/notifications/styles.css'
import { Notifications } from '@mantine/notifications'
import { QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { queryClient } from './data/queries'
import { I18nRoot } from './i18n/I18nRoot'
import { i18nReady } from './i18n/start'

// The first screen is drawn in the profile's language (its catalog loaded first), never
// in English for a moment.
void i18nReady.finally(() =>
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <I18nRoot>
        <Notifications position="bottom-right" limit={4} />
        <QueryClientProvider client={queryClient}>
          <App />
        </QueryClientProvider>
      </I18nRoot>
    </StrictMode>,
  ),
)
