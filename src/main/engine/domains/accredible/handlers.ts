// Accredible: the groups come from the last sync; a key can only be checked by Accredible.
import { defineHandlers } from '../../handlers'
import { conflict } from '../../errors'
import { sortKeyOf } from '../../db/sort-key'

export const accredibleHandlers = defineHandlers({
  // Checking a key is a question only Accredible can answer (through the hosted LMS). This
  // engine answers locally, so it refuses plainly instead of pretending the key is good.
  'accredible.validateKey'(ctx) {
    throw conflict(ctx.hostedConnection() !== 'not_configured' ? 'reason.accredible_needs_network' : 'reason.accredible_needs_network_unconfigured')
  },

  'accredible.groupLookup'(ctx) {
    const data = ctx.sql.all(ctx.qb.selectFrom('accredible_groups').select(['id', 'name', 'pulled_at']).orderBy(sortKeyOf('name')).orderBy('id'))
    const pulledAt = data.reduce<string | null>((latest, g) => (latest === null || g.pulled_at > latest ? g.pulled_at : latest), null)
    return { isEnabled: data.length > 0, data: data.map((g) => ({ id: g.id, name: g.name })), pulledAt }
  },
})
