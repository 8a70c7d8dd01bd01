import type { SubmissionResult } from '@conform-to/react'
import type { AwardPageData } from '~/models/award-page.server'

/** The award as its page shows it. */
export type AwardView = AwardPageData['award']
/** The action's last reply to one of the page's forms, for conform. */
export type LastResult = SubmissionResult<string[]> | undefined
