// The documented bulk upload, its sample file and the user sources.
import { z } from 'zod'
import { defineOperation, returns } from '../../contract/operation'
import { enrollmentOptions } from './input'

const bulkUser = z.object({
  email: z.string().max(191),
  first_name: z.string().max(255).optional(),
  last_name: z.string().max(255).nullish(),
  password: z.string().max(200).nullish(),
})

export const usersBulkUpload = defineOperation({
  name: 'users.bulkUpload',
  summary: 'Create users in bulk',
  kind: 'write',
  method: 'POST',
  route: 'api/user/bulkUpload',
  input: z.object({
    userList: z.array(bulkUser, { error: 'The user list field is required.' }).min(1, { error: 'The user list field is required.' }).max(5000),
    ...enrollmentOptions,
  }),
  output: returns<{ message: string }>(),
  // The queued record is one chunk of an import (its local id an import_chunks row): one request for many users.
  sync: { entity: 'import_chunk', refs: { selectedCourses: 'course', classIds: 'class' } },
})

export const usersBulkUploadSample = defineOperation({
  name: 'users.bulkUploadSample',
  summary: 'The sample file for bulk upload',
  kind: 'read',
  method: 'GET',
  route: 'api/user/getBulkUploadSampleFile',
  input: z.object({}),
  output: returns<{ headers: string[]; records: { email: string; first_name: string; last_name: string; password: string }[] }>(),
})

export const userSources = defineOperation({
  name: 'users.sources',
  summary: 'Where users can be imported from',
  kind: 'read',
  method: 'GET',
  route: 'api/user-source',
  input: z.object({}),
  output: returns<{ records: { id: number; name: string; identifier: string; description: string; logoUrl: string }[] }>(),
})
