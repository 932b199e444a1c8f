// A QR code drawn as vector rectangles (one path, one fill), so it stays sharp when printed.
import qrcode from 'qrcode-generator'
import { fill, popGraphicsState, pushGraphicsState, rectangle, setFillingRgbColor, type PDFOperator, type PDFPage } from 'pdf-lib'

/** Draws `text` as a QR code in the square centred in the box (PDF coordinates, bottom-left origin). */
export function drawQrCode(page: PDFPage, text: string, box: { x: number; y: number; width: number; height: number }): void {
  const qr = qrcode(0, 'M')
  // Certificate codes fit the alphanumeric mode: a smaller symbol, found sooner.
  qr.addData(text, /^[0-9A-Z $%*+\-./:]*$/.test(text) ? 'Alphanumeric' : 'Byte')
  qr.make()
  const count = qr.getModuleCount()
  const quiet = 2
  const side = Math.min(box.width, box.height)
  const cell = side / (count + quiet * 2)
  const x0 = box.x + (box.width - side) / 2
  const y0 = box.y + (box.height - side) / 2
  const ops: PDFOperator[] = [pushGraphicsState(), setFillingRgbColor(1, 1, 1)]
  // A white square under the code keeps it readable on any background.
  ops.push(rectangle(x0, y0, side, side), fill())
  ops.push(setFillingRgbColor(0, 0, 0))
  // One rectangle per run of dark modules in a row: a third of the operators of one per module.
  for (let row = 0; row < count; row++) {
    const y = y0 + side - (row + quiet + 1) * cell
    for (let col = 0; col < count; col++) {
      if (!qr.isDark(row, col)) continue
      let end = col
      while (end + 1 < count && qr.isDark(row, end + 1)) end++
      ops.push(rectangle(x0 + (col + quiet) * cell, y, (end - col + 1) * cell, cell))
      col = end
    }
  }
  ops.push(fill(), popGraphicsState())
  page.pushOperators(...ops)
}
