// schema.ts is written by hand beside the migrations; this test keeps the two the same.
// A fresh folder is migrated by the real openDatabase, then every table and column SQLite
// reports is compared with the kysely interfaces read from schema.ts by the TypeScript
// compiler: same tables, same columns, same value type, same nullability.
import path from 'node:path'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type OpenedDatabase } from '../../src/main/engine/db/open'
import { removeDir, tempDir } from './helpers'

const SCHEMA_FILE = path.resolve(__dirname, '../../src/main/engine/db/schema.ts')

/** Tables SQLite or kysely keep for themselves, and the shadow tables of full-text indexes. */
function isInternalTable(name: string, virtualTables: string[]): boolean {
  if (name.startsWith('sqlite_') || name.startsWith('kysely_')) return true
  return virtualTables.some((v) => name.startsWith(`${v}_`))
}

interface DeclaredColumn {
  types: Set<string>
  generated: boolean
}

/** table name -> column name -> the TypeScript type written for it (without Generated<>). */
function declaredSchema(): Map<string, Map<string, DeclaredColumn>> {
  const source = ts.createSourceFile(SCHEMA_FILE, ts.sys.readFile(SCHEMA_FILE) ?? '', ts.ScriptTarget.Latest, true)
  const interfaces = new Map<string, ts.InterfaceDeclaration>()
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node)
  })
  const db = interfaces.get('DB')
  if (!db) throw new Error('schema.ts declares no DB interface')
  const tables = new Map<string, Map<string, DeclaredColumn>>()
  for (const member of db.members) {
    if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeReferenceNode(member.type)) continue
    const table = (member.name as ts.Identifier).text
    const decl = interfaces.get(member.type.typeName.getText(source))
    if (!decl) throw new Error(`DB.${table} names ${member.type.getText(source)}, which schema.ts does not declare`)
    const columns = new Map<string, DeclaredColumn>()
    for (const col of decl.members) {
      if (!ts.isPropertySignature(col) || !col.type) continue
      let typeNode: ts.TypeNode = col.type
      let generated = false
      if (ts.isTypeReferenceNode(typeNode) && typeNode.typeName.getText(source) === 'Generated' && typeNode.typeArguments) {
        generated = true
        typeNode = typeNode.typeArguments[0]
      }
      const parts = ts.isUnionTypeNode(typeNode) ? typeNode.types : [typeNode]
      columns.set((col.name as ts.Identifier).text, { generated, types: new Set(parts.map((p) => p.getText(source))) })
    }
    tables.set(table, columns)
  }
  return tables
}

/** The TypeScript type better-sqlite3 hands back for a declared column type (SQLite's affinity rules). */
function valueType(declared: string): string {
  const t = declared.toUpperCase()
  if (t.includes('INT')) return 'number'
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'string'
  if (t.includes('BLOB') || t === '') return 'Buffer'
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'number'
  return 'number'
}

interface ColumnInfo {
  name: string
  type: string
  notnull: number
  dflt_value: string | null
  pk: number
}

describe('schema.ts matches a freshly migrated database', () => {
  let dir: string
  let opened: OpenedDatabase
  let declared: Map<string, Map<string, DeclaredColumn>>
  let actual: Map<string, ColumnInfo[]>

  beforeAll(async () => {
    dir = tempDir('lms-schema-')
    opened = await openDatabase(dir)
    declared = declaredSchema()
    const rows = opened.raw.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table'`).all() as { name: string; sql: string | null }[]
    const virtual = rows.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql ?? '')).map((r) => r.name)
    actual = new Map()
    for (const { name } of rows) {
      if (isInternalTable(name, virtual) || virtual.includes(name)) continue
      actual.set(name, opened.raw.prepare(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)`).all(name) as ColumnInfo[])
    }
  })

  afterAll(() => {
    opened?.close()
    removeDir(dir)
  })

  it('declares exactly the tables the migrations create', () => {
    expect([...declared.keys()].sort()).toEqual([...actual.keys()].sort())
  })

  it('declares exactly the columns of each table', () => {
    const mismatches: string[] = []
    for (const [table, columns] of actual) {
      const names = new Set(columns.map((c) => c.name))
      const written = declared.get(table)
      if (!written) continue
      for (const c of names) if (!written.has(c)) mismatches.push(`${table}.${c} is in the database, not in schema.ts`)
      for (const c of written.keys()) if (!names.has(c)) mismatches.push(`${table}.${c} is in schema.ts, not in the database`)
    }
    expect(mismatches).toEqual([])
  })

  it('gives each column the value type and nullability SQLite stores', () => {
    const mismatches: string[] = []
    for (const [table, columns] of actual) {
      const written = declared.get(table)
      if (!written) continue
      for (const column of columns) {
        const decl = written.get(column.name)
        if (!decl) continue
        const where = `${table}.${column.name}`
        const nullable = column.notnull === 0 && column.pk === 0
        // An INTEGER PRIMARY KEY is never null even where NOT NULL is not written.
        const rowid = column.pk > 0 && column.type.toUpperCase() === 'INTEGER'
        if (nullable && !rowid && !decl.types.has('null')) mismatches.push(`${where} may be NULL; schema.ts says ${[...decl.types].join(' | ')}`)
        if (!nullable && decl.types.has('null')) mismatches.push(`${where} is NOT NULL; schema.ts allows null`)
        const expected = valueType(column.type)
        const nonNull = [...decl.types].filter((t) => t !== 'null')
        const accepted = expected === 'Buffer' ? ['Buffer', 'Uint8Array'] : [expected]
        if (!nonNull.every((t) => accepted.includes(t) || (expected === 'string' && /^'.*'$/.test(t))))
          mismatches.push(`${where} is ${column.type || 'untyped'} (${expected}); schema.ts says ${nonNull.join(' | ')}`)
      }
    }
    expect(mismatches).toEqual([])
  })

  it('marks as Generated only columns SQLite can fill in itself', () => {
    const mismatches: string[] = []
    for (const [table, columns] of actual) {
      const written = declared.get(table)
      if (!written) continue
      for (const column of columns) {
        const decl = written.get(column.name)
        if (!decl?.generated) continue
        const fills = column.dflt_value !== null || (column.pk > 0 && column.type.toUpperCase() === 'INTEGER') || column.notnull === 0
        if (!fills) mismatches.push(`${table}.${column.name} is Generated in schema.ts but has no default`)
      }
    }
    expect(mismatches).toEqual([])
  })
})
