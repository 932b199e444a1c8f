// Rules for the catalog groups: announcements (found by heading), badges (title),
// categories (name within their kind) and coupons (code, whatever its case), each through
// its documented list and the filter that list documents.
import { findInList, type Lookup } from '../lookups'
import { idInAnswer, keptByServer, type RuleContext, type SyncRule } from './rule'

const newestFirst = JSON.stringify({ colName: 'id', direction: 'desc' })

const byHeading = (ctx: RuleContext, heading: string) =>
  findInList(ctx.client, 'announcements', { order_by: newestFirst, search_param: JSON.stringify({ heading }) }, (r) => r.heading === heading)

const byTitle = (ctx: RuleContext, title: string) => findInList(ctx.client, 'badges', { order_by: newestFirst, search_param: JSON.stringify({ title }) }, (r) => r.title === title)

const byCode = (ctx: RuleContext, code: string) =>
  findInList(ctx.client, 'coupons', { search_param: JSON.stringify({ code }) }, (r) => r.code.toLowerCase() === code.toLowerCase())

const CATEGORY_LISTS = { course: 'courseCategories', module: 'moduleCategories', product: 'productCategories', question: 'questionCategories' } as const

/** A category by name within its kind: the kind's documented list (search_param categoryName), or for user categories (no list) their lookup. */
async function categoryByName(ctx: RuleContext, name: string, kind: string): Promise<Lookup> {
  const same = (r: { name: string }) => r.name.toLowerCase() === name.toLowerCase()
  const list = CATEGORY_LISTS[kind as keyof typeof CATEGORY_LISTS]
  if (list) return findInList(ctx.client, list, { search_param: JSON.stringify({ categoryName: name }) }, same)
  const users = await ctx.client.records('userCategories', {})
  if (users.kind !== 'ok') return users.kind === 'unauthorized' ? 'unauthorized' : 'unknown'
  const matches = users.records.filter(same)
  return matches.length ? Math.max(...matches.map((r) => r.id)) : undefined
}

export const catalogRules = {
  'announcements.create': {
    kind: 'create',
    idFromAnswer: idInAnswer,
    confirm: { via: 'GET announcement/tabularlist (search_param heading)', find: (ctx, _r, sent) => byHeading(ctx, String(sent.heading)) },
  },
  'announcements.update': { kind: 'update', supersedes: true },
  'announcements.delete': { kind: 'delete', gone: /invalid|not found|does not exist/i },
  'badges.create': {
    kind: 'create',
    idFromAnswer: idInAnswer,
    confirm: { via: 'GET badges/tabularlist (search_param title)', find: (ctx, _r, sent) => byTitle(ctx, String(sent.title)) },
    plainIds: ['organizationId'],
  },
  'badges.update': { kind: 'update', supersedes: true, plainIds: ['organizationId'] },
  'badges.delete': { kind: 'delete', kept: keptByServer, gone: /invalid|not found|does not exist/i },
  'categories.create': {
    kind: 'create',
    // The documented answer is a message without the id.
    confirm: {
      via: 'GET <kind>category/tabularlist (search_param categoryName), or GET categories/user/lookup for user categories',
      find: (ctx, _r, sent) => categoryByName(ctx, String(sent.category_name), String(sent.categoryType)),
    },
  },
  'categories.update': { kind: 'update', supersedes: true },
  'categories.delete': { kind: 'delete', gone: /invalid|not found|does not exist/i },
  'coupons.create': {
    kind: 'create',
    idFromAnswer: idInAnswer,
    confirm: { via: 'GET coupons/tabularlist (search_param code)', find: (ctx, _r, sent) => byCode(ctx, String(sent.code)) },
  },
  'coupons.update': { kind: 'update', supersedes: true },
  'coupons.delete': { kind: 'delete', kept: keptByServer, gone: /invalid|not found|does not exist/i },
} satisfies {
  [N in
    | 'announcements.create'
    | 'announcements.update'
    | 'announcements.delete'
    | 'badges.create'
    | 'badges.update'
    | 'badges.delete'
    | 'categories.create'
    | 'categories.update'
    | 'categories.delete'
    | 'coupons.create'
    | 'coupons.update'
    | 'coupons.delete']: SyncRule<N>
}
