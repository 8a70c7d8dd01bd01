// The review page's commands and queries in one import, for routes. Each lives in the module of
// its concern, which models import directly (never this file):
//   review-access.server.ts     who may open an application, with which roles and decisions; the audit trail
//   review-decisions.server.ts  decisions, one or many, through the status change door
//   review-scores.server.ts     rubric reviews and conflicts of interest
//   comment.server.ts           comments, internal or to the student
// Reminders and digests are jobs (app/jobs).
export { auditTrail, findForReviewer, reviewerRoles, reviewPageCommands } from './review-access.server'
export { decide } from './review-decisions.server'
export { declareConflict, reviewPanel, saveReview } from './review-scores.server'
export { addComment, listComments } from './comment.server'
