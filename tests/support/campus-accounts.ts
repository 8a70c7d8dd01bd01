// The campus accounts of the integration tests' CAS server and OpenID provider (tests/setup):
// each test file uses its own, so files running side by side do not meet.
import type { CampusAccount } from '../../scripts/services/campus'

export const TEST_CAMPUS_PASSWORD = 'Campus#test-2026'

const account = (username: string, overrides: Partial<CampusAccount> = {}): CampusAccount => ({
  username,
  password: TEST_CAMPUS_PASSWORD,
  name: '校园学生',
  nameEn: 'XIAOYUAN Xuesheng',
  email: `${username.toLowerCase()}@campus.test.edu.cn`,
  college: 'CS',
  level: '本科生',
  ...overrides,
})

export const testCampusAccounts: CampusAccount[] = [
  account('T-CAS-001', { name: '甲同学', nameEn: 'JIA Tongxue' }),
  account('T-CAS-002', { level: '硕士研究生', college: 'PHYS' }),
  account('T-CAS-003'),
  account('T-CAS-004'),
  account('T-OIDC-001', { name: '乙同学', nameEn: 'YI Tongxue', level: 'doctoral' }),
  account('T-OIDC-002'),
  account('T-OIDC-003'),
  account('T-STAFF-01', { email: 'campus.staff@test.edu.cn', name: '职员', nameEn: 'ZHI Yuan' }),
]
