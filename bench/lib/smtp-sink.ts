import net from 'node:net'

// A minimal SMTP server that accepts every message and only counts it (by Message-ID, so a
// duplicate is seen), for timing senders without a mail catcher's parsing and storage.

export type SinkStats = { accepted: number; distinct: number; lastAcceptedAt: number | null }

export async function startSmtpSink(port: number) {
  const ids = new Set<string>()
  let accepted = 0
  let lastAcceptedAt: number | null = null

  const server = net.createServer((socket) => {
    socket.setNoDelay(true)
    let buffer = ''
    let inData = false
    let message = ''
    const reply = (line: string) => socket.write(`${line}\r\n`)
    reply('220 bench-sink ESMTP')
    socket.on('error', () => {})
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1')
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n')
          if (end === -1) {
            // Keep the last bytes: the terminator may be split across chunks.
            message += buffer.slice(0, -4)
            buffer = buffer.slice(-4)
            return
          }
          message += buffer.slice(0, end)
          buffer = buffer.slice(end + 5)
          inData = false
          accepted++
          lastAcceptedAt = performance.timeOrigin + performance.now()
          const id = /^Message-ID:\s*(\S+)/im.exec(message)?.[1]
          if (id) ids.add(id)
          message = ''
          reply('250 OK queued')
          continue
        }
        const eol = buffer.indexOf('\r\n')
        if (eol === -1) return
        const line = buffer.slice(0, eol)
        buffer = buffer.slice(eol + 2)
        const verb = line.slice(0, 4).toUpperCase()
        if (verb === 'EHLO') socket.write('250-bench-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n')
        else if (verb === 'DATA') {
          inData = true
          reply('354 End data with <CR><LF>.<CR><LF>')
        } else if (verb === 'QUIT') {
          reply('221 Bye')
          socket.end()
        } else reply('250 OK')
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    port,
    stats: (): SinkStats => ({ accepted, distinct: ids.size, lastAcceptedAt }),
    reset() {
      ids.clear()
      accepted = 0
      lastAcceptedAt = null
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
