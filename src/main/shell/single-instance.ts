// One desktop app at a time: a second start hands over to the first (which comes to the
// front) and quits. The data folder's own lock still stops a `serve` on the same folder.
import type { App, BrowserWindow } from 'electron'

/** False when another instance runs: this one quits. */
export function claimSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>, focus: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', () => focus())
  return true
}

export function bringToFront(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return
  if (win.isMinimized()) win.restore()
  win.show()
  win.focus()
}
