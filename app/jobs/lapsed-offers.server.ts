// Job: a selection round's offers not answered by the round's deadline lapse; then the round
// closes and the students left on its reserve list are told (through the door, round-offers.server.ts).
import { closeFinishedRounds, lapseOffers } from '~/models/round-offers.server'
import type { Job } from './job.server'

export const lapsedOffers: Job = {
  name: 'lapsed-offers',
  description:
    "Lapses offers past their round's deadline and offers each place to the next on the reserve list; hourly, only after a deadline.",
  run: (now) => lapseOffers(now),
}
