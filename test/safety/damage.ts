// Damage done to real database files, as a failing disk or a crashed copy would leave them.
import crypto from 'node:crypto'
import fs from 'node:fs'
import Database from 'better-sqlite3'

/**
 * Overwrites one whole b-tree page near the middle of the file (of `table` when given) with
 * a byte pattern; answers the page number. The file must be closed (its WAL checkpointed).
 */
export function corruptPageInTheMiddle(file: string, table?: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  let page: number
  let pageSize: number
  try {
    pageSize = db.pragma('page_size', { simple: true }) as number
    const pages = (
      db
        .prepare(`SELECT pageno FROM dbstat WHERE pagetype IN ('leaf', 'internal') ${table ? 'AND name = ?' : ''} ORDER BY pageno`)
        .all(...(table ? [table] : [])) as { pageno: number }[]
    ).map((r) => r.pageno)
    if (pages.length === 0) throw new Error(`no b-tree page${table ? ` of ${table}` : ''} in ${file}`)
    page = pages[Math.floor(pages.length / 2)]!
  } finally {
    db.close()
  }
  const fd = fs.openSync(file, 'r+')
  try {
    fs.writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (page - 1) * pageSize)
  } finally {
    fs.closeSync(fd)
  }
  return page
}

export const sha256Of = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')
