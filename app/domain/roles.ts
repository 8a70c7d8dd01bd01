export const roles = ['student', 'college_reviewer', 'office_reviewer', 'finance', 'admin', 'academic_approver'] as const
export type Role = (typeof roles)[number]

export const levels = ['undergraduate', 'master', 'doctoral'] as const
export type StudentLevel = (typeof levels)[number]

// Each role's home. A person with several roles lands on the first of these they hold.
const homes: [Role, string][] = [
  ['admin', '/admin'],
  ['office_reviewer', '/office'],
  ['college_reviewer', '/college'],
  ['finance', '/finance'],
  ['academic_approver', '/learning-agreements'],
  ['student', '/student'],
]

export function homePath(userRoles: readonly Role[]): string {
  return homes.find(([role]) => userRoles.includes(role))?.[1] ?? '/'
}

export function hasRole(userRoles: readonly Role[], wanted: Role | readonly Role[]): boolean {
  const list = typeof wanted === 'string' ? [wanted] : wanted
  return list.some((r) => userRoles.includes(r))
}

/** Navigation per role, in the order the shell shows it. */
export function navigation(userRoles: readonly Role[]): { to: string; label: `nav.${string}` }[] {
  const items: { to: string; label: `nav.${string}`; role: Role }[] = [
    { to: '/programs', label: 'nav.catalogue', role: 'student' },
    { to: '/student', label: 'nav.student', role: 'student' },
    { to: '/rounds', label: 'nav.rounds', role: 'student' },
    { to: '/college', label: 'nav.college', role: 'college_reviewer' },
    { to: '/office', label: 'nav.office', role: 'office_reviewer' },
    { to: '/rounds', label: 'nav.rounds', role: 'office_reviewer' },
    { to: '/office/stays', label: 'nav.stays', role: 'office_reviewer' },
    { to: '/finance', label: 'nav.finance', role: 'finance' },
    { to: '/learning-agreements', label: 'nav.learningAgreements', role: 'academic_approver' },
    { to: '/dashboard', label: 'nav.dashboard', role: 'college_reviewer' },
    { to: '/dashboard', label: 'nav.dashboard', role: 'office_reviewer' },
    { to: '/dashboard', label: 'nav.dashboard', role: 'admin' },
    { to: '/office/stays', label: 'nav.stays', role: 'admin' },
    { to: '/admin', label: 'nav.admin', role: 'admin' },
  ]
  const shown = items.filter((i) => userRoles.includes(i.role))
  // A person with several roles sees each page once.
  return shown.filter((i, index) => shown.findIndex((j) => j.to === i.to) === index).map(({ to, label }) => ({ to, label }))
}
