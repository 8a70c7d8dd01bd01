// How long a text is, one definition for the forms' schemas and the models behind them.

/**
 * A text's length as a person counts it: in characters (code points), an emoji or 𠮷 counting one
 * where String.length counts two UTF-16 units. zod's .max() and .min() (schemas/fields.ts text())
 * count the same way, as PostgreSQL's char_length and varchar(n) do: a text the form takes, the
 * model takes too.
 */
export function textLength(text: string): number {
  let length = 0
  for (const _ of text) length++
  return length
}

/** The longest reason, message to the student, review comment or staff comment a reviewer may write. */
export const MAX_REVIEW_TEXT = 5000

/** No text at all, or one no longer than MAX_REVIEW_TEXT. */
export const fitsReviewText = (text: string | undefined) => text === undefined || textLength(text) <= MAX_REVIEW_TEXT
