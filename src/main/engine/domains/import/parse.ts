// CSV parsing with papaparse, one slice of decoded text at a time, handed on as it is read.
//
// Where it runs: inside the engine, which in the desktop app and `serve` already runs in a
// worker thread (src/main/host), so the UI's thread and the HTTP/IPC thread never parse.
// Within the engine the caller takes the records part by part and yields between parts,
// so other calls (import.cancel, the lists the screen asks for) are answered meanwhile;
// and nothing here keeps the records: a file of millions of bad rows costs the memory of
// one part, not of every row (a 50 MB file of 26 million one-character rows once took the
// worker past 5 GB).
import Papa from 'papaparse'
import { decodeSlices, type ImportEncoding } from './decode'

export type Delimiter = ',' | ';' | '\t'

export interface CsvRecord {
  /** The spreadsheet row number (the header is row 1; blank lines count, as Excel shows them). */
  row: number
  cells: string[]
}

/** A problem papaparse met reading a record (an unclosed quote). */
export interface CsvProblem {
  row: number
  message: string
}

/** A whole file read at once: the documented bulk upload hands its users in this shape. */
export interface ParsedFile {
  header: string[]
  records: CsvRecord[]
  problems: CsvProblem[]
  delimiter: Delimiter
}

export interface CsvPart {
  records: CsvRecord[]
  problems: CsvProblem[]
  /** Bytes of the file read so far, for progress. */
  bytesRead: number
}

/** Text parsed per part; larger parts only while a quoted value runs on past one. */
const SLICE_BYTES = 16 * 1024

/** The delimiter of the header and first rows: the candidate that splits them into the same number (> 1) of fields most consistently. */
export function detectDelimiter(sample: string): Delimiter {
  const result = Papa.parse<string[]>(sample, { preview: 30, delimitersToGuess: [',', ';', '\t'], skipEmptyLines: true })
  const guess = result.meta.delimiter
  return guess === ';' || guess === '\t' ? guess : ','
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '')

interface ParserHandle {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): { data: string[][]; errors: { code: string; row?: number }[]; meta: { cursor: number } }
}
// papaparse's own per-file parser (what its streamers drive); not in its type definitions.
const ParserHandleClass = (Papa as unknown as { ParserHandle: new (config: Papa.ParseConfig) => ParserHandle }).ParserHandle

export class CsvReader {
  readonly delimiter: Delimiter
  /** The header row: empty until the part holding it is read, and for a file without one. */
  header: string[] = []
  private readonly head: string
  private readonly slices: Generator<string>

  constructor(
    private readonly bytes: Uint8Array,
    encoding: ImportEncoding,
    delimiter: Delimiter | undefined,
  ) {
    this.slices = decodeSlices(bytes, encoding, SLICE_BYTES)
    const first = this.slices.next()
    this.head = first.done ? '' : first.value
    this.delimiter = delimiter ?? detectDelimiter(this.head.slice(0, 64 * 1024))
  }

  /** The data records in file order, a part at a time (the header is taken out on the way). */
  *parts(): Generator<CsvPart> {
    if (!this.head) return
    const handle = new ParserHandleClass({ delimiter: this.delimiter, skipEmptyLines: false })
    let partial = ''
    let base = 0
    let index = 0
    let bytesRead = 0
    let next: IteratorResult<string> = { done: false, value: this.head }
    while (!next.done) {
      // A quoted value running past the text read so far is parsed again with the next text:
      // reading at least as much again as is pending keeps that linear in the file's size.
      let text = next.value
      bytesRead += SLICE_BYTES
      next = this.slices.next()
      while (!next.done && text.length < partial.length) {
        text += next.value
        bytesRead += SLICE_BYTES
        next = this.slices.next()
      }
      const last = next.done === true
      const aggregate = partial + text
      const results = handle.parse(aggregate, base, !last)
      if (!last) {
        partial = aggregate.substring(results.meta.cursor - base)
        base = results.meta.cursor
      }
      const part: CsvPart = { records: [], problems: [], bytesRead: Math.min(bytesRead, this.bytes.length) }
      const before = index
      for (const cells of results.data) {
        index++
        if (this.header.length === 0) {
          // Entra ID's bulk templates start with a "version:v1.0" line above the header.
          if (isBlank(cells) || (index === 1 && /^version:\s*v?\d/i.test(cells[0] ?? '') && cells.slice(1).every((c) => c.trim() === ''))) continue
          this.header = cells
          continue
        }
        if (isBlank(cells)) continue
        part.records.push({ row: index, cells })
      }
      for (const error of results.errors) {
        if (error.code === 'MissingQuotes') {
          part.problems.push({ row: before + (error.row ?? 0) + 1, message: 'A quoted value is not closed: everything after its opening quote was read as one value.' })
        }
      }
      yield part
    }
  }
}
