// A transaction whose body may refuse: it returns a refusal (app/domain/result.ts) instead of
// committing, and everything it wrote is rolled back. Prisma rolls back only on a throw, so the
// refusal travels inside one private error, caught here: callers see a result, never an exception.
import type { Refusal } from '~/domain/result'
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from './db.server'

class RolledBack extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.error)
  }
}

/** Runs `body` in one transaction: committed when it returns nothing, rolled back when it returns a refusal. */
export async function refusableTransaction<R extends Refusal>(
  body: (tx: Prisma.TransactionClient) => Promise<R | void>,
): Promise<{ ok: true } | R> {
  try {
    await prisma.$transaction(async (tx) => {
      const refused = await body(tx)
      if (refused) throw new RolledBack(refused)
    })
    return { ok: true }
  } catch (error) {
    // Only this module throws RolledBack, always with the R its body returned.
    if (error instanceof RolledBack) return error.refusal as R
    throw error
  }
}
