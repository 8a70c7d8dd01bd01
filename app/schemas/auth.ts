import { z } from 'zod'
import { levels } from '~/domain/roles'
import { choice, email, msg, password, text } from './fields'

export const loginSchema = z.object({
  email: email(),
  password: z
    .string(msg('form.required'))
    .min(1, msg('form.required'))
    .max(128, msg('form.tooLong', { max: 128 })),
  // Only followed when safe (safeRedirect); anything else, e.g. a repeated field, is ignored.
  redirectTo: z.string().optional().catch(undefined),
})

export const signupSchema = z
  .object({
    nameZh: text(50),
    nameEn: text(100).regex(/^[\p{Script=Latin}][\p{Script=Latin} .'-]*$/u, msg('signup.invalidNameEn')),
    studentNumber: z
      .string(msg('form.required'))
      .trim()
      .regex(/^[A-Za-z0-9]{6,20}$/, msg('signup.invalidStudentNumber'))
      .transform((v) => v.toUpperCase()),
    collegeId: z.string(msg('signup.unknownCollege')).regex(/^[a-z0-9]{1,40}$/, msg('signup.unknownCollege')),
    level: choice(levels),
    email: email(),
    password: password(),
    confirmPassword: z.string(msg('form.required')),
  })
  .refine((v) => v.password === v.confirmPassword, {
    message: msg('signup.passwordMismatch'),
    path: ['confirmPassword'],
  })

/** The token of a sign-up's emailed link; a missing or malformed one is refused like an unknown one. */
export const signupConfirmSchema = z.object({ token: z.string().max(200).catch('') })

export const forgotPasswordSchema = z.object({ email: email() })

export const resetPasswordSchema = z
  .object({
    // A missing or malformed token is refused like an unknown one: reset.invalidToken on the form.
    token: z.string().max(200).catch(''),
    password: password(),
    confirmPassword: z.string(msg('form.required')),
  })
  .refine((v) => v.password === v.confirmPassword, {
    message: msg('signup.passwordMismatch'),
    path: ['confirmPassword'],
  })
