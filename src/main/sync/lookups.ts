// Look-ups on the hosted LMS through documented routes and documented filters only. They
// confirm creates whose answer was lost or has no id, and find the server id of rows the
// pull learnt without one (an enrollment seen in a course report). Each says which route
// and filter it relies on; the README lists them.
//
// What a look-up found: the server id; `undefined` when the server answered and there is
// no such row; 'unknown' when it did not answer (timeout, 5xx, 429, not as documented);
// 'unauthorized' when it refused the token. Only `undefined` allows sending a create
// again: a failed look-up proves nothing.
import type { AnswerName } from './decode/answers'
import type { DecodedRecord, HostedClient, ReadFailure } from './hosted-client'

export type Lookup = number | undefined | 'unknown' | 'unauthorized'

const failureOf = (failure: ReadFailure): 'unknown' | 'unauthorized' | undefined =>
  failure.kind === 'unauthorized' ? 'unauthorized' : failure.kind === 'refused' && failure.status === 404 ? undefined : 'unknown'

const newestFirst = JSON.stringify({ colName: 'id', direction: 'desc' })

/**
 * The id of the newest record of a documented list that matches, searching with a
 * documented filter. A record the server left out as undecodable could be the one looked
 * for: then the answer is 'unknown', not "absent".
 */
export async function findInList<N extends AnswerName>(
  client: HostedClient,
  list: N,
  input: Record<string, unknown>,
  matches: (record: DecodedRecord<N>) => boolean,
  idOf: (record: DecodedRecord<N>) => number = (r) => (r as { id: number }).id,
): Promise<Lookup> {
  const found: number[] = []
  for (let page = 1; page <= 20; page++) {
    const outcome = await client.records(list, { ...input, page_size: 100, page_number: page })
    if (outcome.kind !== 'ok') return failureOf(outcome)
    for (const r of outcome.records) if (matches(r)) found.push(idOf(r))
    if (found.length === 0 && outcome.skipped.length > 0) return 'unknown'
    if (outcome.records.length + outcome.skipped.length < 100) break
  }
  return found.length ? Math.max(...found) : undefined
}

/** A user by email: GET users/lookup (every user's id and email; users/tabularlist documents no email filter). */
export async function userByEmail(client: HostedClient, email: string): Promise<Lookup> {
  const found = await usersByEmail(client, [email])
  return typeof found === 'string' ? found : found.get(email.trim().toLowerCase())
}

/** Many users by email in one read of GET users/lookup. */
export async function usersByEmail(client: HostedClient, emails: readonly string[]): Promise<Map<string, number> | 'unknown' | 'unauthorized'> {
  const outcome = await client.records('usersLookup', {})
  if (outcome.kind !== 'ok') return failureOf(outcome) ?? 'unknown'
  const wanted = new Set(emails.map((e) => e.trim().toLowerCase()))
  const found = new Map<string, number>()
  for (const u of outcome.records) if (wanted.has(u.email) && !found.has(u.email)) found.set(u.email, u.id)
  return found
}

/** A learner's enrollment in a course: GET users/enrolled-courses (user_id), matched by courseId. */
export function enrollmentOf(client: HostedClient, serverUser: number, serverCourse: number): Promise<Lookup> {
  return findInList(client, 'enrollmentsOfUser', { user_id: serverUser }, (r) => r.courseId === serverCourse)
}

/** A learner's registration in a class: GET users/enrolled-classes (user_id), matched by classId. */
export function registrationOf(client: HostedClient, serverUser: number, serverClass: number): Promise<Lookup> {
  return findInList(client, 'classesOfUser', { user_id: serverUser }, (r) => r.classId === serverClass)
}
