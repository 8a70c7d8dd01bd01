import { describe, expect, it } from 'vitest'
import { eligibilityCodes, gpaScales, type EligibilityCode } from '~/domain/eligibility'
import { languageTests } from '~/domain/language'
import { budgetLines } from '~/domain/money'
import { warningCodes, type WarningCode } from '~/domain/warnings'
import { commands, type Command, type Holder } from '~/domain/workflow'
import { acceptanceStatuses, applicationFields, fundingSources, presentationTypes, terms } from '~/schemas/application'
import { isMessageKey, type MessageKey } from '../index'
import { application } from './application'

// Compile-time: every code the domain hands out is a message key.
type Assert<T extends MessageKey> = T
export type _Codes = Assert<EligibilityCode | WarningCode | `workflow.command.${Command}` | `workflow.holder.${Holder}`>

const expectKeys = (keys: string[]) => expect(keys.filter((k) => !isMessageKey(k))).toEqual([])

describe('application messages', () => {
  it('label every field of every kind, course rows and budget lines included', () => {
    const fields = new Set(Object.values(applicationFields).flat())
    expectKeys([...fields].map((f) => `application.field.${f}`))
    expectKeys(['homeCourse', 'hostCourse', 'credits'].map((f) => `application.field.courses.${f}`))
    expectKeys(budgetLines.map((l) => `application.field.budget.${l}`))
  })

  it('name every option', () => {
    const options = {
      term: terms,
      gpaScale: gpaScales,
      languageTest: languageTests,
      fundingSource: fundingSources,
      acceptanceStatus: acceptanceStatuses,
      presentationType: presentationTypes,
    }
    expectKeys(Object.entries(options).flatMap(([field, values]) => values.map((v) => `application.option.${field}.${v}`)))
  })

  it('explain every warning and eligibility failure', () => {
    expectKeys([...warningCodes, ...eligibilityCodes])
  })

  it('name every workflow command and holder', () => {
    expectKeys(commands.map((c) => `workflow.command.${c}`))
    expectKeys(['student', 'college', 'office', 'finance', 'none'].map((h) => `workflow.holder.${h}`))
  })

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const key of Object.keys(application['zh-CN']) as (keyof (typeof application)['zh-CN'])[]) {
      expect(placeholders(application.en[key]), key).toEqual(placeholders(application['zh-CN'][key]))
    }
  })
})
