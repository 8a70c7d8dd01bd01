// Job: personal data past its retention period is deleted or anonymised (models/retention.server.ts),
// once a day (the first hourly round of each Beijing day; a JobMark keeps a second instance out).
import { shanghaiDate } from '~/domain/dates'
import { prisma } from '~/lib/db.server'
import { applyRetention } from '~/models/retention.server'
import type { Job } from './job.server'

export const retention: Job = {
  name: 'retention',
  description:
    'Once a day: deletes the files and anonymises the answers of applications past the retention periods the admin set, and old read-log rows; keeps the dashboard figures; records what it removed.',
  async run(now) {
    const { count } = await prisma.jobMark.createMany({ data: [{ job: 'retention', key: shanghaiDate(now) }], skipDuplicates: true })
    if (count === 0) return null
    try {
      return await applyRetention(now)
    } catch (error) {
      // Failed (the database or S3 away): the next hourly round tries again.
      await prisma.jobMark.deleteMany({ where: { job: 'retention', key: shanghaiDate(now) } })
      throw error
    }
  },
}
