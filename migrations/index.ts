// Listed statically: bundles cannot scan a folder. Names sort in the order they run.
import type { Migration } from 'kysely/migration'
import * as m0001 from './0001_initial'

export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
}
