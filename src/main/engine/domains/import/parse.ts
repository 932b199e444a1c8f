// CSV parsing with papaparse, streamed in slices of decoded text.
//
// Where it runs: inside the engine, which in the desktop app and `serve` already runs in a
// worker thread (src/main/host), so the UI's thread and the HTTP/IPC thread never parse.
// Within the engine, papaparse reads a Node stream: each slice is parsed on its own turn
// of the event loop, so other calls (import.cancel, lists the screen asks for) are answered
// between slices. A second worker for parsing alone was not worth it: the rows must come
// back to the engine's thread anyway (validation looks them up in its database), and
// copying 50,000 rows across threads costs about what parsing them does.
import { Readable } from 'node:stream'
import Papa from 'papaparse'
import { decodeSlices, type ImportEncoding } from './decode'

export type Delimiter = ',' | ';' | '\t'

export interface ParsedFile {
  header: string[]
  /** Data records with their spreadsheet row number (the header is row 1; blank lines count, as Excel shows them). */
  records: { row: number; cells: string[] }[]
  /** Records papaparse could not read cleanly (an unclosed quote). */
  problems: { row: number; message: string }[]
  delimiter: Delimiter
}

/** The delimiter of the header and first rows: the candidate that splits them into the same number (> 1) of fields most consistently. */
export function detectDelimiter(sample: string): Delimiter {
  const result = Papa.parse<string[]>(sample, { preview: 30, delimitersToGuess: [',', ';', '\t'], skipEmptyLines: true })
  const guess = result.meta.delimiter
  return guess === ';' || guess === '\t' ? guess : ','
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '')

export async function parseCsv(
  bytes: Uint8Array,
  encoding: ImportEncoding,
  delimiter: Delimiter | undefined,
  onProgress?: (records: number) => void,
): Promise<ParsedFile> {
  const slices = decodeSlices(bytes, encoding, 256 * 1024)
  const first = slices.next()
  const head = first.done ? '' : first.value
  const chosen = delimiter ?? detectDelimiter(head.slice(0, 64 * 1024))
  const stream = Readable.from(
    (function* () {
      if (head) yield head
      yield* slices
    })(),
    { objectMode: false, encoding: 'utf8' },
  )
  const out: ParsedFile = { header: [], records: [], problems: [], delimiter: chosen }
  let index = 0
  let headerSeen = false
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(stream as unknown as File, {
      delimiter: chosen,
      skipEmptyLines: false,
      chunk(results) {
        for (const cells of results.data) {
          index++
          if (!headerSeen) {
            // Entra ID's bulk templates start with a "version:v1.0" line above the header.
            if (isBlank(cells) || (index === 1 && /^version:\s*v?\d/i.test(cells[0] ?? '') && cells.slice(1).every((c) => c.trim() === ''))) continue
            out.header = cells
            headerSeen = true
            continue
          }
          if (isBlank(cells)) continue
          out.records.push({ row: index, cells })
        }
        for (const error of results.errors) {
          if (error.code === 'MissingQuotes') {
            out.problems.push({ row: index, message: 'A quoted value is not closed: everything after its opening quote was read as one value.' })
          }
        }
        onProgress?.(out.records.length)
      },
      complete: () => resolve(),
      error: (error: Error) => reject(error),
    })
  })
  return out
}
