// Demo data for a Beijing research university. Names of real partner universities are used for
// realism only; agreements, quotas and money are invented.

export const colleges = [
  ['CS', '计算机学院', 'School of Computer Science'],
  ['EE', '电子工程学院', 'School of Electronic Engineering'],
  ['ME', '机械工程学院', 'School of Mechanical Engineering'],
  ['MSE', '材料科学与工程学院', 'School of Materials Science and Engineering'],
  ['CHEM', '化学学院', 'College of Chemistry'],
  ['PHYS', '物理学院', 'School of Physics'],
  ['MATH', '数学科学学院', 'School of Mathematical Sciences'],
  ['LIFE', '生命科学学院', 'School of Life Sciences'],
  ['SEM', '经济管理学院', 'School of Economics and Management'],
  ['FL', '外国语学院', 'School of Foreign Languages'],
  ['HUM', '人文学院', 'School of Humanities'],
  ['LAW', '法学院', 'Law School'],
  ['ARCH', '建筑学院', 'School of Architecture'],
  ['ENV', '环境学院', 'School of Environment'],
  ['MED', '医学院', 'School of Medicine'],
] as const

type Partner = {
  key: string
  nameZh: string
  nameEn: string
  countryCode: string
  countryZh: string
  countryEn: string
  region: string
  tier: 'comprehensive' | 'close' | 'general'
  beltAndRoad: boolean
  placesPerYear: number
}

export const partners: Partner[] = [
  { key: 'tum', nameZh: '慕尼黑工业大学', nameEn: 'Technical University of Munich', countryCode: 'DE', countryZh: '德国', countryEn: 'Germany', region: 'europe', tier: 'comprehensive', beltAndRoad: false, placesPerYear: 12 },
  { key: 'nus', nameZh: '新加坡国立大学', nameEn: 'National University of Singapore', countryCode: 'SG', countryZh: '新加坡', countryEn: 'Singapore', region: 'asia', tier: 'comprehensive', beltAndRoad: true, placesPerYear: 10 },
  { key: 'toronto', nameZh: '多伦多大学', nameEn: 'University of Toronto', countryCode: 'CA', countryZh: '加拿大', countryEn: 'Canada', region: 'north_america', tier: 'comprehensive', beltAndRoad: false, placesPerYear: 6 },
  { key: 'melbourne', nameZh: '墨尔本大学', nameEn: 'University of Melbourne', countryCode: 'AU', countryZh: '澳大利亚', countryEn: 'Australia', region: 'oceania', tier: 'comprehensive', beltAndRoad: false, placesPerYear: 6 },
  { key: 'tcd', nameZh: '都柏林圣三一大学', nameEn: 'Trinity College Dublin', countryCode: 'IE', countryZh: '爱尔兰', countryEn: 'Ireland', region: 'europe', tier: 'comprehensive', beltAndRoad: false, placesPerYear: 8 },
  { key: 'msu', nameZh: '莫斯科国立大学', nameEn: 'Lomonosov Moscow State University', countryCode: 'RU', countryZh: '俄罗斯', countryEn: 'Russia', region: 'europe', tier: 'comprehensive', beltAndRoad: true, placesPerYear: 10 },
  { key: 'opole', nameZh: '奥波莱大学（中波大学联盟）', nameEn: 'University of Opole (China-Poland University Alliance)', countryCode: 'PL', countryZh: '波兰', countryEn: 'Poland', region: 'europe', tier: 'close', beltAndRoad: true, placesPerYear: 15 },
  { key: 'pw', nameZh: '华沙理工大学', nameEn: 'Warsaw University of Technology', countryCode: 'PL', countryZh: '波兰', countryEn: 'Poland', region: 'europe', tier: 'close', beltAndRoad: true, placesPerYear: 6 },
  { key: 'kazan', nameZh: '喀山联邦大学', nameEn: 'Kazan Federal University', countryCode: 'RU', countryZh: '俄罗斯', countryEn: 'Russia', region: 'europe', tier: 'close', beltAndRoad: true, placesPerYear: 5 },
  { key: 'chula', nameZh: '朱拉隆功大学', nameEn: 'Chulalongkorn University', countryCode: 'TH', countryZh: '泰国', countryEn: 'Thailand', region: 'asia', tier: 'close', beltAndRoad: true, placesPerYear: 8 },
  { key: 'um', nameZh: '马来亚大学', nameEn: 'Universiti Malaya', countryCode: 'MY', countryZh: '马来西亚', countryEn: 'Malaysia', region: 'asia', tier: 'close', beltAndRoad: true, placesPerYear: 8 },
  { key: 'manchester', nameZh: '曼彻斯特大学', nameEn: 'University of Manchester', countryCode: 'GB', countryZh: '英国', countryEn: 'United Kingdom', region: 'europe', tier: 'close', beltAndRoad: false, placesPerYear: 6 },
  { key: 'ucd', nameZh: '都柏林大学', nameEn: 'University College Dublin', countryCode: 'IE', countryZh: '爱尔兰', countryEn: 'Ireland', region: 'europe', tier: 'close', beltAndRoad: false, placesPerYear: 4 },
  { key: 'kth', nameZh: '瑞典皇家理工学院', nameEn: 'KTH Royal Institute of Technology', countryCode: 'SE', countryZh: '瑞典', countryEn: 'Sweden', region: 'europe', tier: 'close', beltAndRoad: false, placesPerYear: 4 },
  { key: 'nazarbayev', nameZh: '纳扎尔巴耶夫大学', nameEn: 'Nazarbayev University', countryCode: 'KZ', countryZh: '哈萨克斯坦', countryEn: 'Kazakhstan', region: 'asia', tier: 'general', beltAndRoad: true, placesPerYear: 4 },
  { key: 'belgrade', nameZh: '贝尔格莱德大学', nameEn: 'University of Belgrade', countryCode: 'RS', countryZh: '塞尔维亚', countryEn: 'Serbia', region: 'europe', tier: 'general', beltAndRoad: true, placesPerYear: 3 },
  { key: 'bme', nameZh: '布达佩斯技术与经济大学', nameEn: 'Budapest University of Technology and Economics', countryCode: 'HU', countryZh: '匈牙利', countryEn: 'Hungary', region: 'europe', tier: 'general', beltAndRoad: true, placesPerYear: 3 },
  { key: 'cairo', nameZh: '开罗大学', nameEn: 'Cairo University', countryCode: 'EG', countryZh: '埃及', countryEn: 'Egypt', region: 'africa', tier: 'general', beltAndRoad: true, placesPerYear: 2 },
  { key: 'uchile', nameZh: '智利大学', nameEn: 'University of Chile', countryCode: 'CL', countryZh: '智利', countryEn: 'Chile', region: 'latin_america', tier: 'general', beltAndRoad: true, placesPerYear: 2 },
  { key: 'kyoto', nameZh: '京都大学', nameEn: 'Kyoto University', countryCode: 'JP', countryZh: '日本', countryEn: 'Japan', region: 'asia', tier: 'general', beltAndRoad: false, placesPerYear: 4 },
]

export const demoAccounts = [
  { role: 'student', email: 'student@demo.edu.cn', nameZh: '张三', nameEn: 'ZHANG San', college: 'CS', level: 'undergraduate', studentNumber: '2023010101' },
  { role: 'student', email: 'student2@demo.edu.cn', nameZh: '李四', nameEn: 'LI Si', college: 'PHYS', level: 'doctoral', studentNumber: 'B2022020202' },
  { role: 'college_reviewer', email: 'reviewer.cs@demo.edu.cn', nameZh: '王老师', nameEn: 'WANG Wei', college: 'CS' },
  { role: 'college_reviewer', email: 'reviewer.phys@demo.edu.cn', nameZh: '赵老师', nameEn: 'ZHAO Min', college: 'PHYS' },
  { role: 'office_reviewer', email: 'office@demo.edu.cn', nameZh: '国际处刘老师', nameEn: 'LIU Yang' },
  { role: 'finance', email: 'finance@demo.edu.cn', nameZh: '财务处陈老师', nameEn: 'CHEN Jing' },
  { role: 'admin', email: 'admin@demo.edu.cn', nameZh: '系统管理员', nameEn: 'Portal Administrator' },
] as const
