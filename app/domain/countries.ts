// Countries and regions as people type them. The dashboard counts conference trips by the
// country a student typed (free text); this recognises "美国", "USA", "United States" and
// "ｕｓａ " as one country. Names come from ICU (Node has full ICU) in the portal's languages,
// plus a short list of common names ICU does not give. No I/O.
import type { Locale } from '~/i18n'

/**
 * ISO 3166-1: each assigned alpha-2 code with its alpha-3 code, plus XK (Kosovo), user-assigned
 * but used everywhere (ICU names it).
 */
const ISO_3166 = `
  AD:AND AE:ARE AF:AFG AG:ATG AI:AIA AL:ALB AM:ARM AO:AGO AQ:ATA AR:ARG AS:ASM AT:AUT AU:AUS AW:ABW
  AX:ALA AZ:AZE BA:BIH BB:BRB BD:BGD BE:BEL BF:BFA BG:BGR BH:BHR BI:BDI BJ:BEN BL:BLM BM:BMU BN:BRN
  BO:BOL BQ:BES BR:BRA BS:BHS BT:BTN BV:BVT BW:BWA BY:BLR BZ:BLZ CA:CAN CC:CCK CD:COD CF:CAF CG:COG
  CH:CHE CI:CIV CK:COK CL:CHL CM:CMR CN:CHN CO:COL CR:CRI CU:CUB CV:CPV CW:CUW CX:CXR CY:CYP CZ:CZE
  DE:DEU DJ:DJI DK:DNK DM:DMA DO:DOM DZ:DZA EC:ECU EE:EST EG:EGY EH:ESH ER:ERI ES:ESP ET:ETH FI:FIN
  FJ:FJI FK:FLK FM:FSM FO:FRO FR:FRA GA:GAB GB:GBR GD:GRD GE:GEO GF:GUF GG:GGY GH:GHA GI:GIB GL:GRL
  GM:GMB GN:GIN GP:GLP GQ:GNQ GR:GRC GS:SGS GT:GTM GU:GUM GW:GNB GY:GUY HK:HKG HM:HMD HN:HND HR:HRV
  HT:HTI HU:HUN ID:IDN IE:IRL IL:ISR IM:IMN IN:IND IO:IOT IQ:IRQ IR:IRN IS:ISL IT:ITA JE:JEY JM:JAM
  JO:JOR JP:JPN KE:KEN KG:KGZ KH:KHM KI:KIR KM:COM KN:KNA KP:PRK KR:KOR KW:KWT KY:CYM KZ:KAZ LA:LAO
  LB:LBN LC:LCA LI:LIE LK:LKA LR:LBR LS:LSO LT:LTU LU:LUX LV:LVA LY:LBY MA:MAR MC:MCO MD:MDA ME:MNE
  MF:MAF MG:MDG MH:MHL MK:MKD ML:MLI MM:MMR MN:MNG MO:MAC MP:MNP MQ:MTQ MR:MRT MS:MSR MT:MLT MU:MUS
  MV:MDV MW:MWI MX:MEX MY:MYS MZ:MOZ NA:NAM NC:NCL NE:NER NF:NFK NG:NGA NI:NIC NL:NLD NO:NOR NP:NPL
  NR:NRU NU:NIU NZ:NZL OM:OMN PA:PAN PE:PER PF:PYF PG:PNG PH:PHL PK:PAK PL:POL PM:SPM PN:PCN PR:PRI
  PS:PSE PT:PRT PW:PLW PY:PRY QA:QAT RE:REU RO:ROU RS:SRB RU:RUS RW:RWA SA:SAU SB:SLB SC:SYC SD:SDN
  SE:SWE SG:SGP SH:SHN SI:SVN SJ:SJM SK:SVK SL:SLE SM:SMR SN:SEN SO:SOM SR:SUR SS:SSD ST:STP SV:SLV
  SX:SXM SY:SYR SZ:SWZ TC:TCA TD:TCD TF:ATF TG:TGO TH:THA TJ:TJK TK:TKL TL:TLS TM:TKM TN:TUN TO:TON
  TR:TUR TT:TTO TV:TUV TW:TWN TZ:TZA UA:UKR UG:UGA UM:UMI US:USA UY:URY UZ:UZB VA:VAT VC:VCT VE:VEN
  VG:VGB VI:VIR VN:VNM VU:VUT WF:WLF WS:WSM YE:YEM YT:MYT ZA:ZAF ZM:ZMB ZW:ZWE
  XK:XKX`
const isoCodes = ISO_3166.trim()
  .split(/\s+/)
  .map((pair) => pair.split(':') as [alpha2: string, alpha3: string])

/** Every country or region code the portal knows, alpha-2. */
export const countryCodes: readonly string[] = isoCodes.map(([alpha2]) => alpha2)
const assigned = new Set(countryCodes)

/** An assigned ISO 3166-1 alpha-2 code, upper case (so "XX", "EU", "UK" and "de" are refused). */
export function isCountryCode(code: string): boolean {
  return assigned.has(code)
}

/** Chinese usage names Taiwan as part of China, as CLDR does Hong Kong and Macao (中国香港特别行政区). */
const nameOverrides: Partial<Record<Locale, Record<string, string>>> = {
  'zh-CN': { TW: '中国台湾' },
  en: { TW: 'Taiwan, China' },
}
const displayNames = (locale: Locale, style: 'long' | 'short') =>
  new Intl.DisplayNames([locale], { type: 'region', style, fallback: 'none' })
// Made when first needed, not when the module loads: a browser page's first Intl object costs tens
// of milliseconds (ICU loading the locale's data, decision 44), and most pages that load this
// module name no country.
const longNamesMade = new Map<Locale, Intl.DisplayNames>()
const longNames = (locale: Locale) => {
  let names = longNamesMade.get(locale)
  if (!names) longNamesMade.set(locale, (names = displayNames(locale, 'long')))
  return names
}

/** The name of a country or region in `locale`, e.g. countryName('US', 'zh-CN') is 美国. */
export function countryName(code: string, locale: Locale): string {
  return nameOverrides[locale]?.[code] ?? longNames(locale).of(code) ?? code
}

const sortedNames = new Map<Locale, readonly string[]>()

/** Every country's name in `locale`, in that language's order (the student form's suggestions); made once per language. */
export function countryNames(locale: Locale): readonly string[] {
  let names = sortedNames.get(locale)
  if (!names) {
    names = countryCodes.map((code) => countryName(code, locale)).sort(new Intl.Collator(locale).compare)
    sortedNames.set(locale, names)
  }
  return names
}

/** Common ways of naming a country that ICU's names (long and short, both languages) miss. */
const aliases: Record<string, string[]> = {
  US: ['America', 'United States of America', '美利坚合众国', '美國'],
  GB: ['Britain', 'Great Britain', 'England', 'Scotland', 'Wales', '大不列颠', '英格兰', '苏格兰', '威尔士'],
  KR: ['Korea', 'Republic of Korea', 'ROK', '南韩', '大韩民国', '韓國'],
  RU: ['Russian Federation', '俄国', '俄罗斯联邦'],
  HK: ['中国香港', 'Hong Kong SAR', 'Hong Kong, China', 'HKSAR', '香港特别行政区'],
  MO: ['中国澳门', 'Macau', 'Macau SAR', 'Macao SAR', 'Macau, China', 'Macao, China', '澳门特别行政区'],
  TW: ['中国台湾', '臺灣', 'Taiwan, China', '中国台湾地区', '台湾地区'],
  CN: ['Mainland China', 'PRC', "People's Republic of China", '中国大陆', '中华人民共和国'],
  TR: ['Turkey', 'Turkiye'],
  CZ: ['Czech Republic'],
  NL: ['Holland', 'The Netherlands'],
  AE: ['UAE', '阿联酋'],
  VN: ['Viet Nam'],
}

/** What a name comes to when case, width, accents, spaces and punctuation are set aside. */
function normalized(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\p{P}]/gu, '')
}

/**
 * Every recognised spelling, normalised, to its code; built on first use (not when the module
 * loads: in the browser that cost tens of milliseconds on every page importing this module). A
 * spelling two countries share would be a guess, so it is left out.
 */
let spellings: Map<string, string> | undefined
const codeBySpelling = () => (spellings ??= readSpellings())

function readSpellings() {
  const shortNames = { 'zh-CN': displayNames('zh-CN', 'short'), en: displayNames('en', 'short') }
  const map = new Map<string, string>()
  const shared = new Set<string>()
  for (const [code, alpha3] of isoCodes) {
    const spellings = [code, alpha3, ...(aliases[code] ?? [])]
    for (const locale of ['zh-CN', 'en'] as const)
      spellings.push(countryName(code, locale), longNames(locale).of(code)!, shortNames[locale].of(code)!)
    for (const spelling of spellings.map(normalized)) {
      if (map.has(spelling) && map.get(spelling) !== code) shared.add(spelling)
      map.set(spelling, code)
    }
  }
  for (const spelling of shared) map.delete(spelling)
  return map
}

/** The country (alpha-2 code) a person meant by what they typed, or null if it is not recognised. */
export function countryCodeOf(typed: string): string | null {
  return codeBySpelling().get(normalized(typed)) ?? null
}

/** Every country or region as a choice (the stay's itinerary): its code and name, in `locale`'s order. */
export function countryOptions(locale: Locale): { code: string; name: string }[] {
  const collator = new Intl.Collator(locale)
  return countryCodes.map((code) => ({ code, name: countryName(code, locale) })).sort((a, b) => collator.compare(a.name, b.name))
}
