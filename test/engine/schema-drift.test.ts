// schema.ts (with the table files it imports, db/tables/*.ts) is written by hand beside the
// migrations; this test keeps the two the same. A fresh folder is migrated by the real
// openDatabase, then every table and column SQLite reports is compared with the kysely
// interfaces read from those files by the TypeScript compiler: same tables, same columns,
// same value type, same nullability.
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

/** The interfaces declared in schema.ts and in the files it imports by relative path (the tables by domain). */
function declaredInterfaces(): Map<string, ts.InterfaceDeclaration> {
  const interfaces = new Map<string, ts.InterfaceDeclaration>()
  const read = (file: string, follow: boolean) => {
    const source = ts.createSourceFile(file, ts.sys.readFile(file) ?? '', ts.ScriptTarget.Latest, true)
    source.forEachChild((node) => {
      if (ts.isInterfaceDeclaration(node)) {
        if (interfaces.has(node.name.text)) throw new Error(`${node.name.text} is declared twice`)
        interfaces.set(node.name.text, node)
      } else if (follow && ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text.startsWith('.')) {
        read(path.resolve(path.dirname(file), `${node.moduleSpecifier.text}.ts`), false)
      }
    })
  }
  read(SCHEMA_FILE, true)
  return interfaces
}

/** table name -> column name -> the TypeScript type written for it (without Generated<>). */
function declaredSchema(): Map<string, Map<string, DeclaredColumn>> {
  const interfaces = declaredInterfaces()
  const db = interfaces.get('DB')
  if (!db) throw new Error('schema.ts declares no DB interface')
  const tables = new Map<string, Map<string, DeclaredColumn>>()
  for (const member of db.members) {
    if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeReferenceNode(member.type)) continue
    const table = (member.name as ts.Identifier).text
    const decl = interfaces.get(member.type.typeName.getText())
    if (!decl) throw new Error(`DB.${table} names ${member.type.getText()}, which neither schema.ts nor its table files declare`)
    const columns = new Map<string, DeclaredColumn>()
    for (const col of decl.members) {
      if (!ts.isPropertySignature(col) || !col.type) continue
      let typeNode: ts.TypeNode = col.type
      let generated = false
      if (ts.isTypeReferenceNode(typeNode) && typeNode.typeName.getText() === 'Generated' && typeNode.typeArguments) {
        generated = true
        typeNode = typeNode.typeArguments[0]
      }
      const parts = ts.isUnionTypeNode(typeNode) ? typeNode.types : [typeNode]
      columns.set((col.name as ts.Identifier).text, { generated, types: new Set(parts.map((p) => p.getText())) })
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

  /** Every column found both in the database and in schema.ts. */
  function* columnPairs(): Generator<{ where: string; column: ColumnInfo; decl: DeclaredColumn }> {
    for (const [table, columns] of actual) {
      for (const column of columns) {
        const decl = declared.get(table)?.get(column.name)
        if (decl) yield { where: `${table}.${column.name}`, column, decl }
      }
    }
  }

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
    for (const { where, column, decl } of columnPairs()) {
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
    expect(mismatches).toEqual([])
  })

  it('marks as Generated only columns SQLite can fill in itself', () => {
    const mismatches: string[] = []
    for (const { where, column, decl } of columnPairs()) {
      if (!decl.generated) continue
      const fills = column.dflt_value !== null || (column.pk > 0 && column.type.toUpperCase() === 'INTEGER') || column.notnull === 0
      if (!fills) mismatches.push(`${where} is Generated in schema.ts but has no default`)
    }
    expect(mismatches).toEqual([])
  })
})
