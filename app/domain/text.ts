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
