// Accredible group. Checking a key needs Accredible itself, so it needs the network; the
// groups lookup answers from the groups the last sync pulled from the hosted LMS.
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'

export const accredibleValidateKey = defineOperation({
  name: 'accredible.validateKey',
  summary: 'Check an Accredible API key (needs the network: refused with 409 here)',
  kind: 'read',
  method: 'GET',
  route: 'api/accredible/validate-key/{key}',
  input: z.object({ key: z.string().trim().min(1, { error: 'The key field is required.' }).max(200) }),
  output: returns<{ message: string; status: string }>(),
})

export const accredibleGroupLookup = defineOperation({
  name: 'accredible.groupLookup',
  summary: 'Accredible groups as of the last sync',
  kind: 'read',
  method: 'GET',
  route: 'api/accredible/group/lookup',
  input: z.object({}),
  output: returns<{ isEnabled: boolean; data: { id: number; name: string }[]; pulledAt: string | null }>(),
})

export const accredibleOperations = [accredibleValidateKey, accredibleGroupLookup] as const
