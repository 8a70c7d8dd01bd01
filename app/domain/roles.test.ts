import { describe, expect, it } from 'vitest'
import { hasRole, homePath, navigation } from './roles'

describe('homePath', () => {
  it('sends each role to its own home', () => {
    expect(homePath(['student'])).toBe('/student')
    expect(homePath(['college_reviewer'])).toBe('/college')
    expect(homePath(['office_reviewer'])).toBe('/office')
    expect(homePath(['finance'])).toBe('/finance')
    expect(homePath(['admin'])).toBe('/admin')
  })
  it('prefers the broader staff role for people with several', () => {
    expect(homePath(['finance', 'admin'])).toBe('/admin')
    expect(homePath(['student', 'college_reviewer'])).toBe('/college')
  })
  it('has no home without a role', () => {
    expect(homePath([])).toBe('/')
  })
})

describe('hasRole', () => {
  it('accepts any one of several wanted roles', () => {
    expect(hasRole(['finance'], ['admin', 'finance'])).toBe(true)
    expect(hasRole(['student'], 'admin')).toBe(false)
  })
})

describe('navigation', () => {
  it('shows only the sections of the roles held', () => {
    expect(navigation(['student']).map((n) => n.to)).toEqual(['/programs', '/student', '/rounds'])
    expect(navigation(['admin', 'finance']).map((n) => n.to)).toEqual(['/finance', '/dashboard', '/office/stays', '/admin'])
    expect(navigation(['college_reviewer', 'office_reviewer']).map((n) => n.to)).toEqual([
      '/college',
      '/office',
      '/rounds',
      '/office/stays',
      '/dashboard',
    ])
  })
})
