// Announcements group: messages to everyone, to named users or to the learners of named
// courses, shown to students until their expiry date.
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'
import { id, idList, listParams, type ListPage } from '../contract/list-params'
import { oneOf, optionalDate, requiredString } from '../contract/fields'

export const SENDING_RULES = ['all', 'specific_users', 'specific_course_users'] as const
export const SENT_TO_TEXT: Record<(typeof SENDING_RULES)[number], string> = {
  all: 'All',
  specific_users: 'Specific users',
  specific_course_users: 'Users of specific courses',
}

// The reference sends ids as numbers or numeric strings.
const ids = idList.max(5000).nullish().transform((v) => v ?? [])

const announcementBody = {
  heading: requiredString('heading'),
  content: requiredString('content', 65_535),
  expiry: optionalDate('expiry'),
  sending_rules: oneOf('sending rules', SENDING_RULES),
  user_ids: ids,
  course_ids: ids,
}

function requireRecipients(v: { sending_rules: string; user_ids: number[]; course_ids: number[] }, ctx: z.RefinementCtx): void {
  if (v.sending_rules === 'specific_users' && v.user_ids.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['user_ids'], message: 'The user ids field is required when sending rules is specific_users.' })
  }
  if (v.sending_rules === 'specific_course_users' && v.course_ids.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['course_ids'], message: 'The course ids field is required when sending rules is specific_course_users.' })
  }
}

export interface AnnouncementListRecord {
  id: number
  heading: string
  author: string
  content: string
  created_at: string
  sent_to: string
}

export interface AnnouncementDetails {
  id: number
  heading: string
  content: string
  sending_rules: string
  expiry: string | null
  user_ids: number[]
  course_ids: number[]
}

export interface StudentAnnouncementRecord {
  id: number
  heading: string
  content: string
  author: string
  created_at: string
  expiry: string | null
}

const announcementListInput = z.object(
  listParams(['id', 'heading', 'created_at', 'expiry'] as const, z.object({ heading: z.string().max(255).optional() })),
)

export const announcementsCreate = defineOperation({
  name: 'announcements.create',
  summary: 'Create an announcement',
  kind: 'write',
  method: 'POST',
  route: 'api/announcement',
  input: z.object(announcementBody).superRefine(requireRecipients),
  output: returns<{ id: number; message: string }>(),
  sync: { entity: 'announcement', refs: { user_ids: 'user', course_ids: 'course' } },
})

export const announcementsTabularList = defineOperation({
  name: 'announcements.tabularList',
  summary: 'Announcements in pages, sorted and searched by heading',
  kind: 'read',
  method: 'GET',
  route: 'api/announcement/tabularlist',
  input: announcementListInput,
  output: returns<ListPage<AnnouncementListRecord>>(),
})

export const announcementsUpdate = defineOperation({
  name: 'announcements.update',
  summary: 'Update an announcement',
  kind: 'write',
  method: 'PUT',
  route: 'api/announcement/{id}',
  input: z.object({ id, ...announcementBody }).superRefine(requireRecipients),
  output: returns<{ message: string }>(),
  sync: { entity: 'announcement', refs: { id: 'announcement', user_ids: 'user', course_ids: 'course' } },
})

export const announcementsGet = defineOperation({
  name: 'announcements.get',
  summary: 'One announcement',
  kind: 'read',
  method: 'GET',
  route: 'api/announcement/{id}',
  input: z.object({ id }),
  output: returns<AnnouncementDetails>(),
})

export const announcementsDelete = defineOperation({
  name: 'announcements.delete',
  summary: 'Delete announcements',
  kind: 'write',
  method: 'POST',
  route: 'api/announcement/delete',
  input: z.object({ delete_ids: idList.min(1, { error: 'The delete ids field is required.' }) }),
  output: returns<{ message: string; deleted: number[] }>(),
  sync: { entity: 'announcement', refs: { delete_ids: 'announcement' } },
})

export const announcementsForStudent = defineOperation({
  name: 'announcements.forStudent',
  summary: "The acting user's current announcements",
  kind: 'read',
  method: 'GET',
  route: 'api/student/announcements',
  input: announcementListInput,
  output: returns<ListPage<StudentAnnouncementRecord> & { avatar: string }>(),
})

export const announcementOperations = [
  announcementsCreate,
  announcementsTabularList,
  announcementsUpdate,
  announcementsGet,
  announcementsDelete,
  announcementsForStudent,
] as const
