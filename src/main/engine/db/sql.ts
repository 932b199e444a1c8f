// kysely builds the SQL; better-sqlite3 runs it synchronously. Handlers stay plain
// synchronous functions, so a transaction is one `sqlite.transaction(fn)` and no other
// request can interleave with it inside the engine's single writer.
import type Database from 'better-sqlite3'
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type Insertable,
  type Selectable,
} from 'kysely'
import type { DB } from './schema'

type Row<Q> = Q extends Compilable<infer R> ? R : never

const STATEMENT_CACHE_LIMIT = 500

/** kysely for SQLite that only builds and compiles: better-sqlite3 runs what it compiles. */
export function compileOnlyKysely(): Kysely<DB> {
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  })
}

export class Sql {
  /** A compile-only query builder: build with it, run with all/first/run. */
  readonly qb: Kysely<DB>
  private readonly statements = new Map<string, Database.Statement>()

  constructor(readonly raw: Database.Database) {
    this.qb = compileOnlyKysely()
  }

  all<Q extends Compilable>(query: Q): Row<Q>[] {
    const { sql, parameters } = query.compile()
    const statement = this.prepare(sql)
    return (statement.reader ? statement.all(...bindable(parameters)) : (statement.run(...bindable(parameters)), [])) as Row<Q>[]
  }

  first<Q extends Compilable>(query: Q): Row<Q> | undefined {
    const { sql, parameters } = query.compile()
    return this.prepare(sql).get(...bindable(parameters)) as Row<Q> | undefined
  }

  /** Rows one at a time, for a read that may stop before its end. */
  iterate<Q extends Compilable>(query: Q): IterableIterator<Row<Q>> {
    const { sql, parameters } = query.compile()
    return this.prepare(sql).iterate(...bindable(parameters)) as IterableIterator<Row<Q>>
  }

  run(query: Compilable): { changes: number; lastInsertRowid: number } {
    const { sql, parameters } = query.compile()
    const info = this.prepare(sql).run(...bindable(parameters))
    return { changes: info.changes, lastInsertRowid: Number(info.lastInsertRowid) }
  }

  /**
   * Many rows in one INSERT with bound parameters, for bulk writes (an import's 50,000 users
   * and their audit rows): kysely's building and compiling of a 500-row VALUES list cost
   * more than SQLite spends writing it. Table and column names come from the schema types,
   * never from input; every value is a bound parameter.
   */
  insertRows<T extends keyof DB & string, R extends keyof Selectable<DB[T]> & string = never>(
    table: T,
    rows: readonly Insertable<DB[T]>[],
    returning: readonly R[] = [],
  ): Pick<Selectable<DB[T]>, R>[] {
    if (rows.length === 0) return []
    const columns = Object.keys(rows[0] as object)
    const tuple = `(${columns.map(() => '?').join(', ')})`
    const text =
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${Array.from({ length: rows.length }, () => tuple).join(', ')}` +
      (returning.length ? ` RETURNING ${returning.map((c) => `"${c}"`).join(', ')}` : '')
    const values: unknown[] = []
    for (const row of rows) for (const c of columns) values.push((row as Record<string, unknown>)[c] ?? null)
    const statement = this.prepare(text)
    const bound = bindable(values)
    if (returning.length) return statement.all(...bound) as Pick<Selectable<DB[T]>, R>[]
    statement.run(...bound)
    return []
  }

  /** Runs fn in one SQLite transaction; nested calls become savepoints. */
  transaction<T>(fn: () => T): T {
    return this.raw.transaction(fn)()
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql)
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE_LIMIT) {
        const oldest = this.statements.keys().next().value
        if (oldest !== undefined) this.statements.delete(oldest)
      }
      statement = this.raw.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }
}

function bindable(parameters: readonly unknown[]): unknown[] {
  return parameters.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p))
}
