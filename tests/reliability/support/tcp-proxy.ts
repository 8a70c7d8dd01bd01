import net from 'node:net'

/**
 * A TCP proxy in front of a service, to take the service "down" (connections refused, open ones
 * cut) and bring it back without touching the service itself, which other test files share.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  let up = true
  let cutAfter = Infinity
  const sockets = new Set<net.Socket>()
  const cutAll = () => {
    for (const s of sockets) s.destroy()
    sockets.clear()
  }
  const server = net.createServer((client) => {
    if (!up) return void client.destroy()
    const upstream = net.connect(target)
    let sent = 0
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('error', () => {})
      s.on('close', () => {
        sockets.delete(s)
        client.destroy()
        upstream.destroy()
      })
    }
    client.on('data', (chunk: Buffer) => {
      sent += chunk.length
      if (sent > cutAfter) {
        up = false
        cutAfter = Infinity
        return cutAll()
      }
      upstream.write(chunk)
    })
    upstream.pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  return {
    port,
    /** Refuses new connections and cuts the open ones. */
    down() {
      up = false
      cutAll()
    },
    up() {
      up = true
    },
    /** Goes down once one connection has sent more than `bytes` (e.g. mid-upload). */
    downAfter(bytes: number) {
      cutAfter = bytes
    },
    close: () => {
      cutAll()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
