// @vitest-environment happy-dom
import { getFormProps, getInputProps, useForm, type FieldMetadata } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { act, useState } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { msg, text } from '~/schemas/fields'

// A form's fields show their errors however React renders the form (the message keys, untranslated:
// a test in the browser's build of the messages has none of them). React may run the form's
// component and then keep its children as they were (its state turned out unchanged, e.g. two
// updates that cancel out): conform 1.21 forgot, in that run, what the fields had read, and from
// then on no error reached the screen, on every later submit too. An administrator who pressed
// "Save" while the page was still starting saw nothing happen. Conform is patched (patches/,
// decision 46); this is the behaviour the patch keeps.

const schema = z
  .object({ zh: text(100, 0).optional(), en: text(100, 0).optional() })
  .refine((q) => !q.zh === !q.en, { path: ['en'], message: msg('adminConfig.error.questionBothLanguages') })

const renders = { form: 0, field: 0 }

/** A field as the portal's widgets draw one (components/field.tsx): it reads its own errors. */
function Field({ field }: { field: FieldMetadata<string | undefined> }) {
  renders.field++
  return (
    <div>
      <input {...getInputProps(field, { type: 'text' })} />
      {field.errors?.length ? <p role="alert">{field.errors.join(' ')}</p> : null}
    </div>
  )
}

let cancelOut: () => void = () => {}

function QuestionForm() {
  const [form, fields] = useForm({
    id: 'question',
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    onSubmit: (event) => event.preventDefault(), // a valid form stays on the page
  })
  renders.form++
  const [count, setCount] = useState(0)
  cancelOut = () => {
    setCount(count + 1)
    setCount(count)
  }
  return (
    <form {...getFormProps(form)}>
      <Field field={fields.zh} />
      <Field field={fields.en} />
      <button type="submit">保存</button>
    </form>
  )
}

const BOTH = 'adminConfig.error.questionBothLanguages'

let root: Root
let container: HTMLElement

beforeEach(() => {
  ;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true
  container = document.body.appendChild(document.createElement('div'))
  root = createRoot(container)
  act(() => root.render(<QuestionForm />))
})

afterEach(() => {
  act(() => root.unmount())
  container.remove()
})

const input = (name: string) => container.querySelector<HTMLInputElement>(`input[name="${name}"]`)!
const alerts = () => [...container.querySelectorAll('[role="alert"]')].map((a) => a.textContent)

function save() {
  act(() => container.querySelector('form')!.requestSubmit(container.querySelector('button')!))
}

describe('a field shows its error', () => {
  test('on a submit', () => {
    input('zh').value = '你为什么选择我们？'
    save()
    expect(alerts()).toEqual([BOTH])
  })

  test('after React ran the form and kept its fields as they were: shown, gone once mended, shown again', () => {
    const before = { ...renders }
    act(() => cancelOut())
    // The case itself: the form ran again, its fields did not.
    expect(renders).toEqual({ form: before.form + 1, field: before.field })
    input('zh').value = '你为什么选择我们？'
    save()
    expect(alerts()).toEqual([BOTH])
    act(() => cancelOut())
    input('en').value = 'Why us?'
    save()
    expect(alerts()).toEqual([])
    input('en').value = ''
    save()
    expect(alerts()).toEqual([BOTH])
  })
})
