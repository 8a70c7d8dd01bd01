// Child process of `npm run bench`: the production build of the portal (server/index.ts with
// build/), configured by the environment the parent passes. Its memory is watched from outside.
import { failStart, serveParent } from './lib/ipc'

try {
  process.env.NODE_ENV = 'production'
  const { startServer } = await import('../server/index')
  const server = await startServer()
  serveParent({ url: server.url }, {}, () => server.close())
} catch (error) {
  failStart(error)
}
