// Conflicts of interest detected by names: a reviewer whose name is the student's home or host
// supervisor's, or one of a conference paper's authors. Names are compared as Chinese characters
// when both are Chinese, and through pinyin when one is Chinese and the other latin ("张三" is
// "Zhang San", "ZHANG San", "San Zhang", "zhangsan", "Zhang, San"); latin names match whatever the
// order of their parts. Tone marks, case, spacing and punctuation do not count. A whole name must
// match: "Li" alone is no name of 李四. Pure: pinyin-pro is a table, not I/O.
import { pinyin, polyphonic } from 'pinyin-pro'
import type { ProgramKind } from './program'

export type Person = { nameZh: string | null; nameEn: string | null }
type NamedRole = 'homeSupervisor' | 'hostSupervisor' | 'coAuthor'
export type NamedPerson = { role: NamedRole; name: string }

const HAN = /\p{Script=Han}/u
const NOT_LETTER = /[^\p{L}]+/gu
/** Each polyphonic name reads at most this many ways (a 4-character name of 2-reading characters: 16). */
const MAX_READINGS = 16

/** Lower case latin letters without diacritics; ü (lü, nü) becomes u, as passports usually write it. */
const latinLetters = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()

/** A name's forms to compare: its Han characters, or its latin parts in order. */
type Name = { han: string } | { parts: string[] }

function parse(raw: string): Name | null {
  const text = raw.normalize('NFKC').trim()
  if (!text) return null
  if (HAN.test(text)) {
    const han = [...text].filter((c) => HAN.test(c)).join('')
    return han.length >= 2 ? { han } : null
  }
  const parts = latinLetters(text).split(NOT_LETTER).filter(Boolean)
  return parts.join('').length >= 2 ? { parts } : null
}

/** Longer than any one pinyin syllable (zhuang, shuang, chuang): a single latin part this long is a whole name. */
const WHOLE_NAME_LETTERS = 7

/** Every way a latin name may be written together: its parts in order, and rotated (surname first or last). */
function latinForms(parts: string[]): Set<string> {
  const forms = new Set<string>()
  for (let i = 0; i < parts.length; i++) forms.add([...parts.slice(i), ...parts.slice(0, i)].join(''))
  return forms
}

/**
 * A Chinese name in pinyin, written together: surname then given name and given name then surname,
 * for each plausible reading (pinyin-pro's surname reading first, then other readings of
 * polyphonic characters) and for one- and two-character surnames (欧阳修 is "Ouyang Xiu" or "Xiu Ouyang").
 */
function pinyinForms(han: string): Set<string> {
  const primary = pinyin(han, { toneType: 'none', type: 'array', surname: 'head' }).map(latinLetters)
  const readings: string[][] = [primary]
  const alternatives = polyphonic(han, { toneType: 'none', type: 'array' }).map((list) => list.map(latinLetters))
  const count = alternatives.reduce((n, list) => n * Math.max(1, list.length), 1)
  if (count <= MAX_READINGS && alternatives.length === primary.length) {
    let all: string[][] = [[]]
    for (const list of alternatives) all = all.flatMap((prefix) => list.map((syllable) => [...prefix, syllable]))
    readings.push(...all)
  }
  const forms = new Set<string>()
  for (const syllables of readings) {
    for (const surnameLength of [1, 2]) {
      if (syllables.length - surnameLength < 1) continue
      const surname = syllables.slice(0, surnameLength).join('')
      const given = syllables.slice(surnameLength).join('')
      forms.add(surname + given)
      forms.add(given + surname)
    }
  }
  return forms
}

function sameName(a: Name, b: Name): boolean {
  if ('han' in a && 'han' in b) return a.han === b.han
  if ('parts' in a && 'parts' in b) {
    // "Wang" and "Wang" may be anyone: one short part on each side is too little to call a match.
    if (a.parts.length === 1 && b.parts.length === 1 && a.parts[0].length < WHOLE_NAME_LETTERS) return false
    const forms = latinForms(a.parts)
    return [...latinForms(b.parts)].some((f) => forms.has(f))
  }
  const [han, latin] = 'han' in a ? [a, b as { parts: string[] }] : [b as { han: string }, a]
  const forms = pinyinForms(han.han)
  return [...latinForms(latin.parts)].some((f) => forms.has(f))
}

const namesOf = (who: Person | string): Name[] =>
  (typeof who === 'string' ? [who] : [who.nameZh, who.nameEn]).flatMap((n) => {
    const parsed = n ? parse(n) : null
    return parsed ? [parsed] : []
  })

/** True when any name of one is a name of the other (see the top of this file for what counts). */
export function namesMatch(a: Person | string, b: Person | string): boolean {
  const bs = namesOf(b)
  return namesOf(a).some((x) => bs.some((y) => sameName(x, y)))
}

/** The people an application names whose name is the reviewer's. */
export function detectConflicts(reviewer: Person, named: readonly NamedPerson[]): NamedPerson[] {
  return named.filter((n) => namesMatch(reviewer, n.name))
}

/** A conference's author list: "张三, 李四、王五；Zhao Liu and Sun Qi et al." → five names. */
function splitAuthors(authors: string): string[] {
  return authors
    .normalize('NFKC')
    .replace(/\bet\s+al\.?/giu, '')
    .replace(/等$/u, '')
    .split(/[,;、\n]|\s+(?:and|&)\s+/iu)
    .map((s) => s.trim())
    .filter(Boolean)
}

const field = (details: unknown, key: string): string | null => {
  if (typeof details !== 'object' || details === null) return null
  const value = (details as Record<string, unknown>)[key]
  return typeof value === 'string' && value.trim() ? value.trim() : null
}

/** The people an application's answers name (app/schemas/application.ts): supervisors, or co-authors. */
export function namedPeople(kind: ProgramKind, details: unknown): NamedPerson[] {
  if (kind === 'joint_training') {
    const people: NamedPerson[] = []
    const home = field(details, 'homeSupervisor')
    const host = field(details, 'hostSupervisorName')
    if (home) people.push({ role: 'homeSupervisor', name: home })
    if (host) people.push({ role: 'hostSupervisor', name: host })
    return people
  }
  if (kind === 'conference') {
    const authors = field(details, 'authors')
    return authors ? splitAuthors(authors).map((name) => ({ role: 'coAuthor' as const, name })) : []
  }
  return []
}
