import { describe, expect, it } from 'vitest'
import { detectConflicts, namedPeople, namesMatch } from './conflicts'

describe('namesMatch', () => {
  const matches: [string, string][] = [
    ['张三', '张三'],
    ['张 三', '张三'],
    ['张三', 'Zhang San'],
    ['张三', 'ZHANG San'],
    ['张三', 'San Zhang'],
    ['张三', 'zhangsan'],
    ['张三', 'Zhang, San'],
    ['张三', 'Zhāng Sān'],
    ['张三', 'ＺＨＡＮＧ　ＳＡＮ'],
    ['李四', 'Li Si'],
    ['李四', 'lisi'],
    ['王小明', 'Wang Xiaoming'],
    ['王小明', 'Xiao-Ming Wang'],
    ['王小明', 'Xiaoming WANG'],
    ['欧阳修', 'Ouyang Xiu'],
    ['欧阳修', 'Xiu Ouyang'],
    // Polyphonic surnames: read as surnames (单 Shan, 曾 Zeng, 解 Xie), other readings also count.
    ['单田芳', 'Shan Tianfang'],
    ['曾国藩', 'Zeng Guofan'],
    ['解缙', 'Xie Jin'],
    ['吕布', 'Lu Bu'],
    ['吕布', 'Lǚ Bù'],
    ['Zhang San', 'San ZHANG'],
    ['Zhang San', 'Zhang, San'],
    ['John Smith', 'Smith, John'],
    ['Mary Ann Smith', 'Smith Mary-Ann'],
    ['Müller Hans', 'Hans Muller'],
  ]
  const nonMatches: [string, string][] = [
    ['李四', 'Li'],
    ['李四', 'Si'],
    ['李', 'Li'],
    ['Li', 'Li'],
    ['Wang', 'WANG'],
    ['张三', '张三丰'],
    ['张三', 'Zhang Sanfeng'],
    ['张三', 'Zhang Shan'],
    ['张三', '章三'],
    ['李四', 'Li Shi'],
    ['王小明', 'Wang Xiao'],
    ['John Smith', 'Jon Smith'],
    ['Zhang San', 'Zhang Sanfeng'],
    ['', ''],
    ['  ', '张三'],
  ]
  it.each(matches)('%s matches %s, both ways', (a, b) => {
    expect(namesMatch(a, b)).toBe(true)
    expect(namesMatch(b, a)).toBe(true)
  })
  it.each(nonMatches)('%s does not match %s', (a, b) => {
    expect(namesMatch(a, b)).toBe(false)
    expect(namesMatch(b, a)).toBe(false)
  })

  it('compares every name a person has', () => {
    const reviewer = { nameZh: '张三', nameEn: 'Zhang San' }
    expect(namesMatch(reviewer, 'San Zhang')).toBe(true)
    expect(namesMatch(reviewer, '张三')).toBe(true)
    expect(namesMatch({ nameZh: null, nameEn: 'Zhang San' }, '张三')).toBe(true)
    expect(namesMatch({ nameZh: null, nameEn: null }, '张三')).toBe(false)
    expect(namesMatch(reviewer, { nameZh: '李四', nameEn: 'Li Si' })).toBe(false)
  })
})

describe('namedPeople', () => {
  it("names a joint training's home and host supervisors", () => {
    expect(
      namedPeople('joint_training', { homeSupervisor: ' 张三 ', hostSupervisorName: 'Jane Doe', hostSupervisorTitle: 'Professor' }),
    ).toEqual([
      { role: 'homeSupervisor', name: '张三' },
      { role: 'hostSupervisor', name: 'Jane Doe' },
    ])
  })

  it("splits a conference's authors at commas, 、, semicolons (full width too), 'and', '&' and drops 'et al.' and 等", () => {
    expect(namedPeople('conference', { authors: '王五，张三、Li Si；Zhao Liu and Sun Qi & Zhou Ba et al.' }).map((p) => p.name)).toEqual([
      '王五',
      '张三',
      'Li Si',
      'Zhao Liu',
      'Sun Qi',
      'Zhou Ba',
    ])
    expect(namedPeople('conference', { authors: '王五、张三等' }).map((p) => p.name)).toEqual(['王五', '张三'])
    expect(namedPeople('conference', { authors: 'A. Author' })).toEqual([{ role: 'coAuthor', name: 'A. Author' }])
  })

  it('names nobody for an exchange, or for answers that are not there or not text', () => {
    expect(namedPeople('exchange', { motivation: '张三' })).toEqual([])
    expect(namedPeople('joint_training', null)).toEqual([])
    expect(namedPeople('joint_training', { homeSupervisor: 42, hostSupervisorName: '' })).toEqual([])
    expect(namedPeople('conference', 'authors')).toEqual([])
  })
})

describe('detectConflicts', () => {
  it("lists the named people whose name is the reviewer's, in either script", () => {
    const named = namedPeople('conference', { authors: 'Wang Wu, San Zhang, 李四' })
    expect(detectConflicts({ nameZh: '张三', nameEn: 'ZHANG San' }, named)).toEqual([{ role: 'coAuthor', name: 'San Zhang' }])
    expect(detectConflicts({ nameZh: '赵六', nameEn: 'Zhao Liu' }, named)).toEqual([])
    const supervisors = namedPeople('joint_training', { homeSupervisor: 'Li Si', hostSupervisorName: 'Jane Doe' })
    expect(detectConflicts({ nameZh: '李四', nameEn: null }, supervisors)).toEqual([{ role: 'homeSupervisor', name: 'Li Si' }])
  })
})
