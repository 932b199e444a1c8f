// The one CSV writer: every CSV the app makes (the attendance roster, the import's error
// files, the import sample) is written here, so every one is safe to open in a spreadsheet.
//
// Formulas (OWASP "CSV injection"): a cell that starts with = + - @, or with a tab or a
// carriage return that some programs strip before reading the rest, gets a leading
// apostrophe, which spreadsheets show as text. A spreadsheet set to another separator (`;`
// in much of Europe) cuts a line at that separator even inside quotes that do not open
// its field, so `Note x;=cmd|...` would become a cell `=cmd|...` there: such a character
// right after a comma, semicolon, tab, line break or quote inside a cell gets the
// apostrophe too. Quoting: a cell holding a quote, a line break, a tab, a comma or a
// semicolon (whatever the file's delimiter), or spaces at either end, is quoted.
export type CsvDelimiter = ',' | ';' | '\t'

/** Excel reads a file as UTF-8 (accents, CJK names) only when it starts with this mark. */
export const CSV_BOM = '\ufeff'

const STARTS_FORMULA = /^[=+\-@\t\r]/
const FORMULA_AFTER_SEPARATOR = /([,;\t\r\n"])([=+\-@])/g
const NEEDS_QUOTES = /[",;\t\r\n]/

export function csvCell(value: string): string {
  let text = STARTS_FORMULA.test(value) ? `'${value}` : value
  if (/[,;\t\r\n"][=+\-@]/.test(text)) text = text.replace(FORMULA_AFTER_SEPARATOR, "$1'$2")
  return NEEDS_QUOTES.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(cells: readonly string[], delimiter: CsvDelimiter = ','): string {
  return cells.map(csvCell).join(delimiter)
}

/** A whole file: the BOM, then each row on its own CRLF-ended line. */
export function csvText(rows: Iterable<readonly string[]>, delimiter: CsvDelimiter = ','): string {
  const lines: string[] = []
  for (const cells of rows) lines.push(csvLine(cells, delimiter))
  return CSV_BOM + lines.join('\r\n') + '\r\n'
}

/** The text a cell had before csvCell neutralised its start ("'=..." back to "=..."); other text as it is. */
export function unneutralisedCell(text: string): string {
  return text.charCodeAt(0) === 39 && /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text
}
