// Accredible: the groups come from the last sync; a key can only be checked by Accredible.
import { defineHandlers } from '../../handlers'

export const accredibleHandlers = defineHandlers({
  // Checking a key is a question only Accredible can answer, through the hosted LMS. This
  // engine answers locally and offline, so it says plainly that it did not check.
  'accredible.validateKey'(ctx) {
    const configured = ctx.sync.status().configured
    return {
      status: 'offline' as const,
      message: configured
        ? 'The key was not checked: Accredible keys can only be checked online, on the hosted LMS. Check it there; nothing was saved here.'
        : 'The key was not checked: Accredible keys can only be checked online, and this app is not connected to a hosted LMS (set one up on the Sync screen).',
    }
  },

  'accredible.groupLookup'(ctx) {
    const data = ctx.sql.all(ctx.qb.selectFrom('accredible_groups').select(['id', 'name', 'pulled_at']).orderBy('name').orderBy('id'))
    const pulledAt = data.reduce<string | null>((latest, g) => (latest === null || g.pulled_at > latest ? g.pulled_at : latest), null)
    return { isEnabled: data.length > 0, data: data.map((g) => ({ id: g.id, name: g.name })), pulledAt }
  },
})
