// Texts from the hosted LMS (assignment descriptions, answers written in its editor) may
// be HTML. They are shown as plain text: parsed in an inert document (no scripts run, no
// images load) and flattened, keeping paragraphs and line breaks.
const BLOCKS = new Set(['P', 'DIV', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'TR', 'TABLE', 'SECTION', 'ARTICLE'])

export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][a-z0-9]*(\s[^>]*)?\/?>/i.test(text)
}

export function htmlToText(html: string): string {
  if (!looksLikeHtml(html)) return html
  const doc = new DOMParser().parseFromString(html, 'text/html')
  let out = ''
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      out += (node.textContent ?? '').replace(/\s+/g, ' ')
      return
    }
    if (!(node instanceof Element)) return
    if (node.tagName === 'SCRIPT' || node.tagName === 'STYLE') return
    if (node.tagName === 'BR') {
      out += '\n'
      return
    }
    const block = BLOCKS.has(node.tagName)
    if (block && out && !out.endsWith('\n')) out += '\n'
    if (node.tagName === 'LI') out += '• '
    node.childNodes.forEach(walk)
    if (block) out += node.tagName === 'P' ? '\n\n' : '\n'
  }
  doc.body.childNodes.forEach(walk)
  return out
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
