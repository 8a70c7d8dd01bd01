// Job: a selection round's offers not answered by the round's deadline lapse; then the round
// closes and the students left on its reserve list are told (through the door, round-offers.server.ts).
import { closeFinishedRounds, lapseOffers } from '~/models/round-offers.server'
import type { Job } from './job.server'

export const lapsedOffers: Job = {
  name: 'lapsed-offers',
  description:
    "Lapses offers past their round's deadline, then closes the round and tells its reserve list; hourly, only after a deadline.",
  run: async (now) => ({ lapsed: await lapseOffers(now), closed: await closeFinishedRounds(now) }),
}
