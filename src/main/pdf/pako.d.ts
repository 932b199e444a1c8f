// The part of pako (pdf-lib's deflate) that native-deflate.ts replaces.
declare module 'pako' {
  const pako: { deflate(data: Uint8Array | string, options?: unknown): Uint8Array }
  export default pako
}
