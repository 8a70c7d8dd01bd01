// Belt and Road (一带一路) by destination country (decision 23): the countries that have signed a
// Belt and Road cooperation document with China, by ISO 3166-1 alpha-2 code. The dashboard counts
// a trip as Belt and Road by the country it goes to (the partner's country, or the conference's
// country as the student typed it), so conference trips without a partner count too. The list
// changes when countries sign (or leave, as Italy did in 2023): review it each year.
const BELT_AND_ROAD = `
  AF AM AZ BH BD BN KH GE ID IR IQ KZ KW KG LA LB MY MV MN MM NP OM PK PS PH QA SA SG LK SY TJ TH TL
  TR AE UZ VN YE
  AL BY BA BG HR CY CZ EE GR HU LV LT LU MT MD ME MK PL PT RO RU RS SK SI UA
  DZ AO BJ BW BI CV CM CF TD KM CG CD CI DJ EG GQ ER ET GA GM GH GN GW KE LS LR LY MG MW ML MR MU MA
  MZ NA NE NG RW SN SC SL SO ZA SS SD TZ TG TN UG ZM ZW ST
  AG AR BB BO CL CR CU DM DO EC SV GD GY HN JM NI PA PE SR TT UY VE
  CK FJ FM KI NZ NU PG WS SB TO VU`

export const beltAndRoadCountries: readonly string[] = BELT_AND_ROAD.trim().split(/\s+/)
const members = new Set(beltAndRoadCountries)

/** Whether the destination country (an alpha-2 code) is a Belt and Road country. */
export function isBeltAndRoadCountry(code: string): boolean {
  return members.has(code)
}
