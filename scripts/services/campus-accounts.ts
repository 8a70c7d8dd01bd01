// The demo campus accounts of `npm run dev` (listed in README.md): they sign in through the
// development OpenID provider (and the CAS server, when Debian's package is installed).
import type { CampusAccount } from './campus'

const DEMO_CAMPUS_PASSWORD = 'Campus#2026'

export const demoCampusAccounts: CampusAccount[] = [
  {
    username: '2026010101',
    password: DEMO_CAMPUS_PASSWORD,
    name: '陈晓',
    nameEn: 'CHEN Xiao',
    email: 'chen.xiao@campus.demo.edu.cn',
    college: 'CS',
    level: '本科生',
  },
  {
    username: '2025020202',
    password: DEMO_CAMPUS_PASSWORD,
    name: '赵敏',
    nameEn: 'ZHAO Min',
    email: 'zhao.min@campus.demo.edu.cn',
    college: 'PHYS',
    level: '博士研究生',
  },
]
