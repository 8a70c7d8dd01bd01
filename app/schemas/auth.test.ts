import { describe, expect, it } from 'vitest'
import { loginSchema, resetPasswordSchema, signupSchema } from './auth'

const valid = {
  nameZh: '张三',
  nameEn: "ZHANG San-O'Neil",
  studentNumber: 'b2022020202',
  collegeId: 'ckcollege1',
  level: 'doctoral',
  email: ' Zhang.San@Example.EDU.cn ',
  password: 'correct horse battery',
  confirmPassword: 'correct horse battery',
}

const errorsOf = (input: unknown) => {
  const result = signupSchema.safeParse(input)
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]))
}

describe('signupSchema', () => {
  it('accepts a valid student and normalises email and student number', () => {
    const result = signupSchema.parse(valid)
    expect(result.email).toBe('zhang.san@example.edu.cn')
    expect(result.studentNumber).toBe('B2022020202')
  })

  it.each([
    ['nameZh', '', 'form.required'],
    ['nameZh', '张'.repeat(51), 'form.tooLong|{"max":50}'],
    ['nameZh', '张\u0000三', 'form.controlChars'],
    ['nameZh', '张\u202e三', 'form.controlChars'],
    ['nameEn', 'Zhang3', 'signup.invalidNameEn'],
    ['nameEn', '张三', 'signup.invalidNameEn'],
    ['studentNumber', '123', 'signup.invalidStudentNumber'],
    ['studentNumber', '2023/0101', 'signup.invalidStudentNumber'],
    ['collegeId', '', 'signup.unknownCollege'],
    ['level', 'professor', 'form.invalidChoice'],
    ['email', 'not-an-email', 'form.invalidEmail'],
    ['password', 'short', 'form.tooShort|{"min":10}'],
    ['password', 'x'.repeat(129), 'form.tooLong|{"max":128}'],
  ])('refuses %s = %j with %s', (field, value, message) => {
    expect(errorsOf({ ...valid, [field]: value, ...(field === 'password' ? { confirmPassword: value } : {}) })[field]).toBe(message)
  })

  it('refuses mismatched passwords on the confirmation field', () => {
    expect(errorsOf({ ...valid, confirmPassword: 'something else entirely' }).confirmPassword).toBe('signup.passwordMismatch')
  })

  it('names every missing field', () => {
    expect(Object.keys(errorsOf({})).sort()).toEqual(
      ['collegeId', 'confirmPassword', 'email', 'level', 'nameEn', 'nameZh', 'password', 'studentNumber'].sort(),
    )
  })
})

describe('loginSchema and resetPasswordSchema', () => {
  it('requires both email and password', () => {
    expect(loginSchema.safeParse({ email: 'a@b.cn', password: '' }).success).toBe(false)
    expect(loginSchema.safeParse({ email: 'a@b.cn', password: 'x' }).success).toBe(true)
  })
  it('checks the new password twice', () => {
    expect(resetPasswordSchema.safeParse({ token: 't', password: 'long enough pw', confirmPassword: 'long enough pw' }).success).toBe(true)
    expect(resetPasswordSchema.safeParse({ token: 't', password: 'long enough pw', confirmPassword: 'different pw!!' }).success).toBe(false)
  })
})
