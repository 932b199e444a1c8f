// A QR code drawn as vector squares (one path, one fill), so it stays sharp when printed.
import qrcode from 'qrcode-generator'
import { closePath, fill, lineTo, moveTo, popGraphicsState, pushGraphicsState, setFillingRgbColor, type PDFOperator, type PDFPage } from 'pdf-lib'

/** Draws `text` as a QR code in the square centred in the box (PDF coordinates, bottom-left origin). */
export function drawQrCode(page: PDFPage, text: string, box: { x: number; y: number; width: number; height: number }): void {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  const count = qr.getModuleCount()
  const quiet = 2
  const side = Math.min(box.width, box.height)
  const cell = side / (count + quiet * 2)
  const x0 = box.x + (box.width - side) / 2
  const y0 = box.y + (box.height - side) / 2
  const ops: PDFOperator[] = [pushGraphicsState(), setFillingRgbColor(1, 1, 1)]
  // A white square under the code keeps it readable on any background.
  ops.push(moveTo(x0, y0), lineTo(x0 + side, y0), lineTo(x0 + side, y0 + side), lineTo(x0, y0 + side), closePath(), fill())
  ops.push(setFillingRgbColor(0, 0, 0))
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (!qr.isDark(row, col)) continue
      const x = x0 + (col + quiet) * cell
      const y = y0 + side - (row + quiet + 1) * cell
      ops.push(moveTo(x, y), lineTo(x + cell, y), lineTo(x + cell, y + cell), lineTo(x, y + cell), closePath())
    }
  }
  ops.push(fill(), popGraphicsState())
  page.pushOperators(...ops)
}
