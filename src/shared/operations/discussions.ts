// Discussions group: discussion modules in the library. Learners' comments count as
// their submissions; with should_be_evaluated, minComments decides whether they pass.
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'
import { boolish, id, type ListPage } from '../contract/list-params'
import { moduleLibraryListInput } from './module-library'
import { optionalInt, requiredString } from '../contract/fields'

const discussionBody = {
  name: requiredString('name'),
  content: requiredString('content', 65_535),
  should_be_evaluated: boolish,
  totalPoints: optionalInt('total points', 0, 100_000),
  minComments: optionalInt('min comments', 0, 1000),
}

function requireMinComments(v: { should_be_evaluated: boolean; minComments: number | null }, ctx: z.RefinementCtx): void {
  if (v.should_be_evaluated && (v.minComments === null || v.minComments < 1)) {
    ctx.addIssue({ code: 'custom', path: ['minComments'], message: 'The min comments field is required when the discussion should be evaluated.' })
  }
}

export interface DiscussionListRecord {
  id: number
  name: string
  slug: string
  type: string
  totalPoints: number
  icon: string
  author: string
  created_at: string
}

export const discussionsList = defineOperation({
  name: 'discussions.list',
  summary: 'Discussion modules in pages',
  kind: 'read',
  method: 'GET',
  route: 'api/modules/discussion',
  input: moduleLibraryListInput,
  output: returns<ListPage<DiscussionListRecord>>(),
})

export const discussionsCreate = defineOperation({
  name: 'discussions.create',
  summary: 'Create a discussion module',
  kind: 'write',
  method: 'POST',
  route: 'api/modules/discussion',
  input: z.object(discussionBody).superRefine(requireMinComments),
  output: returns<{ id: number; message: string }>(),
  sync: { entity: 'module', refs: {} },
})

export const discussionsUpdate = defineOperation({
  name: 'discussions.update',
  summary: 'Update a discussion module',
  kind: 'write',
  method: 'PUT',
  route: 'api/modules/discussion/{id}',
  input: z.object({ id, ...discussionBody }).superRefine(requireMinComments),
  output: returns<{ message: string }>(),
  sync: { entity: 'module', refs: { id: 'module' } },
})

export const discussionsGet = defineOperation({
  name: 'discussions.get',
  summary: 'One discussion module',
  kind: 'read',
  method: 'GET',
  route: 'api/modules/discussion/{id}',
  input: z.object({ id }),
  output: returns<{ name: string; slug: string; content: string; totalPoints: number; should_be_evaluated: boolean; minComments: number | null }>(),
})

export const discussionOperations = [discussionsList, discussionsCreate, discussionsUpdate, discussionsGet] as const
