// Certificates: the templates and their editor, issuing to the learners who finished a
// course, and each learner's certificates (download, print, issue date, remove).
import { Stack, Tabs } from '@mantine/core'
import { useState } from 'react'
import { PageHeader } from '../../components/PageHeader'
import { leaveWithinPage } from '../../state/navigation'
import { IssuePanel } from './IssuePanel'
import { LearnerCertificates } from './LearnerCertificates'
import { TemplateEditor } from './TemplateEditor'
import { TemplateList } from './TemplateList'
import { useT } from '../../i18n'

type Tab = 'templates' | 'issue' | 'learners'

export function CertificatesPage() {
  const [tab, setTab] = useState<Tab>('templates')
  // null: the list; 'new' or an id: the editor.
  const [editing, setEditing] = useState<number | 'new' | null>(null)
  const [learner, setLearner] = useState<number | null>(null)
  const t = useT()

  return (
    <Stack gap="md">
      <PageHeader title={t('certs.title')} />
      {/* Another tab unmounts the template editor: its unsaved edits are asked about first. */}
      <Tabs value={tab} onChange={(v) => leaveWithinPage(() => setTab((v as Tab) ?? 'templates'))} keepMounted={false}>
        <Tabs.List aria-label={t('certs.sections')}>
          <Tabs.Tab value="templates">{t('certs.tab.templates')}</Tabs.Tab>
          <Tabs.Tab value="issue">{t('certs.tab.issue')}</Tabs.Tab>
          <Tabs.Tab value="learners">{t('certs.tab.learners')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="templates" pt="md">
          {editing === null ? (
            <TemplateList onEdit={setEditing} />
          ) : (
            <TemplateEditor templateId={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={(id) => setEditing(id)} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="issue" pt="md">
          <IssuePanel
            onShowLearner={(userId) => {
              setLearner(userId)
              setTab('learners')
            }}
          />
        </Tabs.Panel>
        <Tabs.Panel value="learners" pt="md">
          <LearnerCertificates userId={learner} onUserChange={setLearner} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  )
}
