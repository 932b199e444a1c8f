// Checks a generated PDF with the poppler and qpdf tools: structure (qpdf --check), the
// text a reader extracts (pdftotext) and a rendered page (pdftoppm, as greyscale pixels).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import { tempDir, removeDir } from './helpers'

export interface CheckedPdf {
  text: string
  pages: number
  /** Share of pixels darker than mid-grey on page 1 (0 for an empty page). */
  inkShare: number
  /** Mean grey level of page 1 (255 is white). */
  meanGrey: number
}

export function checkPdf(bytes: Uint8Array): CheckedPdf {
  const dir = tempDir('lms-pdf-')
  try {
    const file = path.join(dir, 'certificate.pdf')
    fs.writeFileSync(file, bytes)
    const qpdf = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' })
    expect(qpdf.status, `qpdf --check: ${qpdf.stdout}${qpdf.stderr}`).toBe(0)
    expect(qpdf.stdout).toMatch(/No syntax or stream encoding errors found/)
    const pages = Number(/^Pages:\s+(\d+)/m.exec(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout)?.[1] ?? 0)
    const text = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
    expect(text.status, text.stderr).toBe(0)
    const render = spawnSync('pdftoppm', ['-gray', '-r', '24', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, 'page')], { encoding: 'utf8' })
    expect(render.status, render.stderr).toBe(0)
    const pgm = fs.readFileSync(path.join(dir, 'page.pgm'))
    const { pixels } = parsePgm(pgm)
    let dark = 0
    let sum = 0
    for (const p of pixels) {
      if (p < 128) dark++
      sum += p
    }
    return { text: text.stdout, pages, inkShare: dark / pixels.length, meanGrey: sum / pixels.length }
  } finally {
    removeDir(dir)
  }
}

function parsePgm(bytes: Buffer): { width: number; height: number; pixels: Uint8Array } {
  // P5 <width> <height> <max>\n<bytes>
  let offset = 0
  const tokens: string[] = []
  while (tokens.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[offset]))) offset++
    let token = ''
    while (!/\s/.test(String.fromCharCode(bytes[offset]))) token += String.fromCharCode(bytes[offset++])
    tokens.push(token)
  }
  offset++
  expect(tokens[0]).toBe('P5')
  const width = Number(tokens[1])
  const height = Number(tokens[2])
  return { width, height, pixels: new Uint8Array(bytes.buffer, bytes.byteOffset + offset, width * height) }
}

/** True when zbarimg (Debian zbar-tools) is here to read QR codes back. */
export const canReadQrCodes = spawnSync('zbarimg', ['--version'], { encoding: 'utf8' }).status === 0

/** The QR codes a reader finds on page 1, rendered at print-like resolution. */
export function qrCodesIn(bytes: Uint8Array): string[] {
  const dir = tempDir('lms-qr-')
  try {
    const file = path.join(dir, 'certificate.pdf')
    fs.writeFileSync(file, bytes)
    const render = spawnSync('pdftoppm', ['-png', '-r', '100', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, 'page')], { encoding: 'utf8' })
    expect(render.status, render.stderr).toBe(0)
    const read = spawnSync('zbarimg', ['--raw', '-q', path.join(dir, 'page.png')], { encoding: 'utf8' })
    return read.stdout.split('\n').map((l) => l.trim()).filter(Boolean)
  } finally {
    removeDir(dir)
  }
}
