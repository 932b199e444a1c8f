// Badge group: badges learners earn. The documented create and update send their fields
// as query parameters; the server reads query and body alike.
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'
import { id, idList, listParams, type ListPage } from '../contract/list-params'
import { optionalInt, optionalString, requiredString } from '../contract/fields'

export const DEFAULT_BADGES = [
  { value: 'Badge 1', url: '/images/badges/Badge_1.png' },
  { value: 'Badge 2', url: '/images/badges/Badge_2.png' },
  { value: 'Badge 3', url: '/images/badges/Badge_3.png' },
  { value: 'Badge 4', url: '/images/badges/Badge_4.png' },
] as const

const badgeBody = {
  title: requiredString('title'),
  points: optionalInt('points', 0, 1_000_000),
  badgeIconUrl: requiredString('badge icon url', 2048),
  defaultIconUrl: optionalString('default icon url', 2048),
  organizationId: optionalString('organization id', 191),
}

export interface BadgeListRecord {
  id: number
  title: string
  badgeIconUrl: string
  points: number
}

export const badgesTabularList = defineOperation({
  name: 'badges.tabularList',
  summary: 'Badges in pages, searched by title',
  kind: 'read',
  method: 'GET',
  route: 'api/badges/tabularlist',
  input: z.object(listParams(['id', 'title', 'points', 'created_at'] as const, z.object({ title: z.string().max(255).optional() }))),
  output: returns<ListPage<BadgeListRecord>>(),
})

export const badgesCreate = defineOperation({
  name: 'badges.create',
  summary: 'Create a badge',
  kind: 'write',
  method: 'POST',
  route: 'api/badge/create',
  input: z.object(badgeBody),
  output: returns<{ id: number; message: string }>(),
  sync: { entity: 'badge', refs: {} },
})

export const badgesDefaultLookup = defineOperation({
  name: 'badges.defaultLookup',
  summary: 'The built-in badge images',
  kind: 'read',
  method: 'GET',
  route: 'api/badges/defaultBadgeLookUp',
  input: z.object({}),
  output: returns<{ value: string; url: string }[]>(),
})

export const badgesGet = defineOperation({
  name: 'badges.get',
  summary: 'One badge',
  kind: 'read',
  method: 'GET',
  route: 'api/badge/{id}',
  input: z.object({ id }),
  output: returns<{ id: number; title: string; points: number | null; organizationId: string | null; badgeIconUrl: string; defaultIconUrl: string | null }>(),
})

export const badgesUpdate = defineOperation({
  name: 'badges.update',
  summary: 'Update a badge',
  kind: 'write',
  method: 'PUT',
  route: 'api/badge/{id}',
  input: z.object({ id, ...badgeBody }),
  output: returns<{ id: number; message: string }>(),
  sync: { entity: 'badge', refs: { id: 'badge' } },
})

export const badgesDelete = defineOperation({
  name: 'badges.delete',
  summary: 'Delete badges not held by anyone',
  kind: 'write',
  method: 'POST',
  route: 'api/badge/delete',
  // The reference names the ids `id` (an array); the other groups' `delete_ids` is accepted too.
  input: z
    .object({ id: z.union([idList, id.transform((v) => [v])]).optional(), delete_ids: idList.optional() })
    .transform((v) => ({ id: [...new Set([...(v.id ?? []), ...(v.delete_ids ?? [])])] })),
  output: returns<{ message: string; deleted: number[]; notDeleted: number[] }>(),
  sync: { entity: 'badge', refs: { id: 'badge' } },
})

export const badgeOperations = [badgesTabularList, badgesCreate, badgesDefaultLookup, badgesGet, badgesUpdate, badgesDelete] as const
