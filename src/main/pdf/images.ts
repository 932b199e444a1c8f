// Background images, decoded and compressed once per distinct image and kept for later
// renders: a PNG's pixels are deflated once here, not again for every certificate (pdf-lib
// would), and a JPEG is passed through as DCT data.
import { createHash } from 'node:crypto'
import zlib from 'node:zlib'
import { JpegEmbedder, PngEmbedder, PDFName, type PDFDocument, type PDFRef } from 'pdf-lib'
import { backgroundSize } from './image-size'

export interface PreparedImage {
  width: number
  height: number
  /** Adds the image to a document; answers the XObject's reference. */
  embed(doc: PDFDocument): Promise<PDFRef>
}

const cache = new Map<string, PreparedImage>()
const CACHE_LIMIT = 32

export type ImageKind = 'png' | 'jpeg'

export function imageKindOf(bytes: Uint8Array): ImageKind | null {
  if (bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png'
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  return null
}

/** A background prepared before, by the sha256 of its bytes (uploads are named by it): no file read, no hashing. */
export function preparedImage(sha256: string): PreparedImage | undefined {
  return cache.get(sha256)
}

/** An image whose header asks for more pixels than a background may have: never decoded. */
export class ImageRefused extends Error {
  override name = 'ImageRefused'
}

/** Throws a plain Error with a readable message when the bytes are not a usable PNG or JPEG, an ImageRefused when it is too large to decode. */
export async function prepareImage(bytes: Uint8Array, sha256?: string): Promise<PreparedImage> {
  const key = sha256 ?? createHash('sha256').update(bytes).digest('hex')
  const hit = cache.get(key)
  if (hit) return hit
  const kind = imageKindOf(bytes)
  if (!kind) throw new Error('the file is neither a PNG nor a JPEG image')
  // Before any decoding: the header says how much memory the pixels would take.
  const size = backgroundSize(bytes)
  if (!size.ok) throw new ImageRefused(size.problem)
  let prepared: PreparedImage
  try {
    prepared = kind === 'jpeg' ? await prepareJpeg(bytes) : await preparePng(bytes)
  } catch (error) {
    throw new Error(`the ${kind.toUpperCase()} image could not be read (${error instanceof Error ? error.message : String(error)})`)
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string)
  cache.set(key, prepared)
  return prepared
}

async function prepareJpeg(bytes: Uint8Array): Promise<PreparedImage> {
  const embedder = await JpegEmbedder.for(bytes)
  return {
    width: embedder.width,
    height: embedder.height,
    // JpegEmbedder only wraps the bytes in a stream dictionary: cheap to repeat per document.
    embed: (doc) => embedder.embedIntoContext(doc.context),
  }
}

interface DecodedPng {
  rgbChannel: Uint8Array
  alphaChannel?: Uint8Array
}

async function preparePng(bytes: Uint8Array): Promise<PreparedImage> {
  const embedder = await PngEmbedder.for(bytes)
  // pdf-lib keeps the decoded channels on the embedder; it would deflate them again at
  // every save. Read them once and keep the compressed streams instead.
  const decoded = (embedder as unknown as { image?: DecodedPng }).image
  if (!decoded || !(decoded.rgbChannel instanceof Uint8Array)) throw new Error('unexpected PNG decoder output')
  const { width, height } = embedder
  const rgb = zlib.deflateSync(decoded.rgbChannel, { level: 6 })
  const alpha = decoded.alphaChannel ? zlib.deflateSync(decoded.alphaChannel, { level: 6 }) : null
  return {
    width,
    height,
    async embed(doc) {
      const context = doc.context
      const smask = alpha
        ? context.register(
            context.stream(alpha, { Type: 'XObject', Subtype: 'Image', Width: width, Height: height, BitsPerComponent: 8, ColorSpace: 'DeviceGray', Filter: 'FlateDecode' }),
          )
        : null
      const stream = context.stream(rgb, {
        Type: 'XObject',
        Subtype: 'Image',
        Width: width,
        Height: height,
        BitsPerComponent: 8,
        ColorSpace: 'DeviceRGB',
        Filter: 'FlateDecode',
      })
      if (smask) stream.dict.set(PDFName.of('SMask'), smask)
      return context.register(stream)
    },
  }
}
