import type { ShouldRevalidateFunction } from '@remix-run/react'

/**
 * For pages whose actions refuse a stale form with 409 (someone else acted first): reload the
 * page's data then too, so it shows the record as it is now. Remix skips reloading after an
 * error status by default, which left the old status and commands on screen.
 */
export const revalidateAfterConflict: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate
