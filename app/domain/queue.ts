// The reviewer queues' constants the page shows and the server reads by, without the URL's schema
// (schemas/queue.ts): the page's JavaScript would otherwise carry zod and build that schema on
// every load, a quarter of the office queue's script (28.8 of 142.8 KB).

export const queueSorts = ['waiting', 'newest', 'name', 'deadline'] as const

/**
 * The queues count matches (the list's total, each status tab) up to this many and then say
 * "more than": counting every match cost a scan of the whole scope on every page view.
 * A count above the cap (cap + 1) means "more than the cap".
 */
export const QUEUE_COUNT_CAP = 1000
