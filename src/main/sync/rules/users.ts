// Rules for users: the account itself, its password, addresses, membership, custom
// fields, the new-account email, and user/bulkUpload (one record per chunk of an import).
import { mapIds } from '../id-map'
import { userByEmail, usersByEmail, type Lookup } from '../lookups'
import { idInAnswer, keptByServer, type RuleContext, type Sent, type SyncRule } from './rule'

/** The users of a bulk-upload chunk, with the local user the import wrote for each email. */
function chunkUsers(ctx: RuleContext, chunkId: number | null, sent: Sent): { email: string; local: number | undefined }[] {
  const list = (sent.userList as { email?: unknown }[] | undefined) ?? []
  return list.map((u) => {
    const email = String(u.email ?? '').trim().toLowerCase()
    const local =
      chunkId === null
        ? undefined
        : ctx.sql.first(ctx.sql.qb.selectFrom('import_batch_users').select('user_id').where('chunk_id', '=', chunkId).where('email_key', '=', email))?.user_id
    return { email, local }
  })
}

/**
 * Looks every user of a chunk up by email (GET users/lookup) and maps those found. The
 * chunk counts as created (its "server id" is its first user's) only when all are there.
 */
async function findChunk(ctx: RuleContext, chunkId: number | null, sent: Sent): Promise<Lookup> {
  const users = chunkUsers(ctx, chunkId, sent)
  if (users.length === 0) return undefined
  const found = await usersByEmail(ctx.client, users.map((u) => u.email))
  if (typeof found === 'string') return found
  ctx.sql.transaction(() => {
    for (const u of users) {
      const server = found.get(u.email)
      if (server !== undefined && u.local !== undefined) mapIds(ctx.sql, 'user', u.local, server)
    }
  })
  return users.every((u) => found.has(u.email)) ? found.get(users[0].email) : undefined
}

/** The hosted add-address answers only a message: the address is the user's newest with these fields (GET user/userAddress/{id}). */
async function addressOf(ctx: RuleContext, sent: Sent): Promise<Lookup> {
  const same = (a: unknown, b: unknown) => String(a ?? '') === String(b ?? '')
  const fields = ['fullName', 'addressLine1', 'addressLine2', 'zipcode', 'city', 'state', 'country'] as const
  const outcome = await ctx.client.records('addressesOfUser', { id: sent.id })
  if (outcome.kind !== 'ok') return outcome.kind === 'unauthorized' ? 'unauthorized' : outcome.kind === 'refused' ? undefined : 'unknown'
  const match = outcome.records.filter((a) => fields.every((k) => same(a[k], sent[k]))).sort((a, b) => b.id - a.id)[0]
  return match?.id
}

export const userRules = {
  'users.create': {
    kind: 'create',
    idFromAnswer: idInAnswer,
    confirm: { via: 'GET users/lookup (every user, by email)', find: (ctx, _r, sent) => userByEmail(ctx.client, String(sent.email)) },
    folds: {
      'users.update': (create, update) => ({
        input: { ...create, firstName: update.firstName, lastName: update.lastName ?? '', email: update.email },
        // Disabling and custom fields cannot be said in a create: that update still goes, after it.
        consumed: update.disabled !== true && !(Array.isArray(update.customUserMetas) && update.customUserMetas.length > 0),
      }),
      'users.updatePassword': (create, update) => ({ input: { ...create, password: update.password, password_confirmation: update.password }, consumed: true }),
    },
  },
  'users.update': {
    kind: 'update',
    supersedes: true,
    // Said only when changed here: until a run reads GET user/{id}, this laptop does not know
    // whether the hosted LMS has the user disabled, and a rename must not undo that.
    carries: ['disabled'],
    // PUT user/{id} requires lastLoggedIn and avatar, which the server itself keeps: they
    // are read from GET user/{id} just before and sent back as they are; so is `disabled`
    // when the queued update does not say it (an update made to carry a conflict's choice).
    complete: {
      fills: ['lastLoggedIn', 'avatar', 'disabled'],
      async read(ctx, sent) {
        const user = await ctx.client.answer('user', { id: sent.id })
        if (user.kind !== 'ok') return { wait: 'The hosted LMS did not answer with this user\'s current details (GET user/{id}), which the update must carry; trying again later.' }
        return { sent: { disabled: user.value.disabled ?? false, ...sent, lastLoggedIn: user.value.lastLoggedIn || 'Never', avatar: user.value.avatar } }
      },
    },
  },
  'users.updatePassword': { kind: 'update', supersedes: true },
  'users.quickEdit': { kind: 'update' },
  'users.delete': {
    kind: 'delete',
    // The hosted LMS keeps a user who still has enrollments (200, "not deleted"): removals go first.
    waitsOn: () => ['removal'],
    kept: keptByServer,
    gone: /invalid|not found|does not exist/i,
  },
  'users.bulkUpload': {
    kind: 'create',
    confirm: { via: 'GET users/lookup (every user, by email), for each user of the chunk', find: (ctx, record, sent) => findChunk(ctx, record.local_id, sent) },
    // Users already on the hosted LMS (found and mapped by an earlier look-up) are not sent again.
    request(ctx, sent, record) {
      const mapped = new Set(chunkUsers(ctx, record.local_id, sent).filter((u) => u.local !== undefined && ctx.serverId('user', u.local) !== undefined).map((u) => u.email))
      const userList = ((sent.userList as { email?: unknown }[] | undefined) ?? []).filter((u) => !mapped.has(String(u.email ?? '').trim().toLowerCase()))
      return userList.length ? { ...sent, userList } : null
    },
    plainIds: ['groupId', 'membershipId'],
  },
  'users.customUserFieldsUpdate': { kind: 'update', supersedes: true, plainIds: ['fields'] },
  'users.addAddress': {
    kind: 'create',
    confirm: { via: 'GET user/userAddress/{id} (the user\'s addresses, by their fields)', find: (ctx, _r, sent) => addressOf(ctx, sent) },
  },
  'users.updateAddress': { kind: 'update', supersedes: true },
  'users.updateMembership': { kind: 'update', plainIds: ['membership'] },
  // Sent again after an unknown outcome, the user may get the email twice; never zero times.
  'email.resendNewAccountEmail': { kind: 'update' },
} satisfies { [N in 'users.create' | 'users.update' | 'users.updatePassword' | 'users.quickEdit' | 'users.delete' | 'users.bulkUpload' | 'users.customUserFieldsUpdate' | 'users.addAddress' | 'users.updateAddress' | 'users.updateMembership' | 'email.resendNewAccountEmail']: SyncRule<N> }

