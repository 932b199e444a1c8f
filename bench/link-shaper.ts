// A slow link between a laptop and the stand-in hosted LMS, for benchmarks: a TCP relay on
// 127.0.0.1 that holds every chunk for the one-way latency and lets bytes through at the
// link's rate, each direction a link of its own shared by every connection (as one site's
// uplink is). It counts the bytes each way. Not a test double of the product: it only
// imitates the distance, as the fault proxy imitates faults.
import net from 'node:net'

export interface LinkOptions {
  /** Added to every chunk, each way. */
  latencyMs: number
  /** Each direction's rate. */
  bitsPerSecond: number
}

export interface LinkShaper {
  url: string
  /** Bytes carried so far: laptop to server, server to laptop. */
  bytes(): { up: number; down: number }
  stop(): Promise<void>
}

/** One direction of the link: chunks leave in order, each once the link is free and its latency has passed. */
class Direction {
  private freeAt = 0
  bytes = 0
  constructor(private readonly options: LinkOptions) {}

  send(chunk: Buffer, deliver: () => void): void {
    const now = performance.now()
    const start = Math.max(now, this.freeAt)
    this.freeAt = start + (chunk.length * 8 * 1000) / this.options.bitsPerSecond
    this.bytes += chunk.length
    setTimeout(deliver, this.freeAt + this.options.latencyMs - now)
  }
}

export async function startLinkShaper(upstreamPort: number, options: LinkOptions): Promise<LinkShaper> {
  const up = new Direction(options)
  const down = new Direction(options)
  const sockets = new Set<net.Socket>()
  const server = net.createServer((client) => {
    const upstream = net.connect(upstreamPort, '127.0.0.1')
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      s.on('error', () => undefined)
    }
    // Chunks of one connection keep their order: each direction delivers in send order.
    const relay = (from: net.Socket, to: net.Socket, direction: Direction) => {
      from.on('data', (chunk: Buffer) => direction.send(chunk, () => to.destroyed || to.write(chunk)))
      from.on('end', () => direction.send(Buffer.alloc(0), () => to.destroyed || to.end()))
      from.on('close', () => setTimeout(() => to.destroy(), options.latencyMs + 1000).unref())
    }
    relay(client, upstream, up)
    relay(upstream, client, down)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    bytes: () => ({ up: up.bytes, down: down.bytes }),
    async stop() {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
