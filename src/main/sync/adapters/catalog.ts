// Adapters for the catalog groups: announcements (natural key: heading), badges (title),
// categories (name within their type), coupons (code, case-insensitive).
import { findInList, idFromBody, lookupRead, type AdapterContext, type Lookup, type QueuedRecord, type SyncAdapter } from '../adapter-kit'

const newestFirst = JSON.stringify({ colName: 'id', direction: 'desc' })

const byHeading = (ctx: AdapterContext, heading: string) =>
  findInList(ctx, 'announcements.tabularList', { page_size: 100, page_number: 1, order_by: newestFirst, search_param: JSON.stringify({ heading }) }, (r) => r.heading === heading)

const byTitle = (ctx: AdapterContext, title: string) =>
  findInList(ctx, 'badges.tabularList', { page_size: 100, page_number: 1, order_by: newestFirst, search_param: JSON.stringify({ title }) }, (r) => r.title === title)

const byCode = (ctx: AdapterContext, code: string) =>
  findInList(
    ctx,
    'coupons.tabularList',
    { page_size: 100, page_number: 1, search_param: JSON.stringify({ code }) },
    (r) => String(r.code).toLowerCase() === code.toLowerCase(),
  )

const CATEGORY_LISTS: Record<string, string> = {
  course: 'categories.courseList',
  module: 'categories.moduleList',
  product: 'categories.productList',
  question: 'categories.questionList',
}

/** A category by name within its type: the type's list, or for user categories (no list) their lookup. */
async function categoryByName(ctx: AdapterContext, name: string, type: string): Promise<Lookup> {
  const same = (r: Record<string, unknown>) => String(r.name).toLowerCase() === name.toLowerCase()
  const list = CATEGORY_LISTS[type]
  if (list) return findInList(ctx, list, { page_size: 100, page_number: 1, search_param: JSON.stringify({ categoryName: name }) }, same)
  const rows = await lookupRead<Record<string, unknown>[]>(ctx, 'categories.userLookup', {})
  if (rows === 'unknown' || rows === 'unauthorized') return rows
  const match = Array.isArray(rows) ? rows.find(same) : undefined
  return typeof match?.id === 'number' ? match.id : undefined
}

/** A create whose answer may carry the id (this engine's) or not (the hosted category create): then it is looked up. */
function createdBy(reconcile: (ctx: AdapterContext, record: QueuedRecord, sent: Record<string, unknown>) => Promise<Lookup>): SyncAdapter {
  return {
    kind: 'create',
    async serverIdAfterSuccess(ctx, record, sent, body) {
      return (await idFromBody(ctx, record, sent, body)) ?? reconcile(ctx, record, sent)
    },
    reconcile,
  }
}

export const catalogAdapters: Record<string, SyncAdapter> = {
  'announcements.create': createdBy((ctx, _record, sent) => byHeading(ctx, String(sent.heading))),
  'announcements.update': { kind: 'update' },
  'announcements.delete': { kind: 'delete' },
  'badges.create': createdBy((ctx, _record, sent) => byTitle(ctx, String(sent.title))),
  'badges.update': { kind: 'update' },
  'badges.delete': { kind: 'delete' },
  'categories.create': createdBy((ctx, _record, sent) => categoryByName(ctx, String(sent.category_name), String(sent.categoryType))),
  'categories.update': { kind: 'update' },
  'categories.delete': { kind: 'delete' },
  'coupons.create': createdBy((ctx, _record, sent) => byCode(ctx, String(sent.code))),
  'coupons.update': { kind: 'update' },
  'coupons.delete': { kind: 'delete' },
}
