// `npm run reset`: wipes the local development data (database, stored files, caught mail) and
// seeds the demo data again. Stop `npm run dev` first: it holds the same ports.
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { prepareDatabase } from './lib/prepare-database'
import { DEV_PORTS, startServices } from './services'

const dataDir = path.resolve('.data')
await rm(dataDir, { recursive: true, force: true })
const services = await startServices({ dataDir, ports: DEV_PORTS, persistent: true })
try {
  await prepareDatabase(services.env.DATABASE_URL)
} finally {
  await services.stop()
}
console.log('Local data wiped and demo data seeded. Start the portal with `npm run dev`.')
