import { describe, expect, it } from 'vitest'
import {
  campusLevel,
  campusProfile,
  casLogoutSessionIndex,
  parseCasValidation,
  parseLevelValues,
  passwordSignInAllowed,
} from './campus-identity'

const success = `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
  <cas:authenticationSuccess>
    <cas:user>2026000101</cas:user>
    <cas:attributes>
      <cas:cn>王小明</cas:cn>
      <cas:mail>Wang@Example.EDU.cn</cas:mail>
      <cas:collegeCode>cs</cas:collegeCode>
      <cas:studentType>本科生</cas:studentType>
      <cas:memberOf>a &amp; b</cas:memberOf>
      <cas:memberOf>c</cas:memberOf>
    </cas:attributes>
  </cas:authenticationSuccess>
</cas:serviceResponse>`

describe('parseCasValidation', () => {
  it('reads the user and the attributes, a repeated one as a list, entities decoded', () => {
    expect(parseCasValidation(success)).toEqual({
      ok: true,
      user: '2026000101',
      attributes: { cn: '王小明', mail: 'Wang@Example.EDU.cn', collegeCode: 'cs', studentType: '本科生', memberOf: ['a & b', 'c'] },
    })
  })

  it("gives the server's failure code, and refuses an answer that is no CAS answer", () => {
    const failure = `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationFailure code="INVALID_TICKET">ticket not found</cas:authenticationFailure></cas:serviceResponse>`
    expect(parseCasValidation(failure)).toEqual({ ok: false, code: 'INVALID_TICKET' })
    expect(parseCasValidation('<html>proxy error</html>')).toEqual({ ok: false, code: 'INVALID_RESPONSE' })
    expect(parseCasValidation('<cas:authenticationSuccess><cas:user> </cas:user></cas:authenticationSuccess>')).toEqual({
      ok: false,
      code: 'INVALID_RESPONSE',
    })
  })
})

describe('casLogoutSessionIndex', () => {
  it('reads the ticket a single-logout request names, and nothing from anything else', () => {
    const request = `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="1" Version="2.0"><saml:NameID>u</saml:NameID><samlp:SessionIndex>ST-abc</samlp:SessionIndex></samlp:LogoutRequest>`
    expect(casLogoutSessionIndex(request)).toBe('ST-abc')
    expect(casLogoutSessionIndex('<samlp:SessionIndex>ST-abc</samlp:SessionIndex>')).toBeNull()
    expect(casLogoutSessionIndex(request.replace('ST-abc', ''))).toBeNull()
    expect(casLogoutSessionIndex(request.replace('ST-abc', 'x'.repeat(300)))).toBeNull()
  })
})

describe('campusProfile', () => {
  const mapping = { studentNumber: null, name: 'cn', nameEn: null, email: 'mail', college: 'collegeCode', level: 'studentType' }

  it('maps the configured attributes: the subject as student number, email lower-cased, college code upper-cased', () => {
    const parsed = parseCasValidation(success)
    if (!parsed.ok) throw new Error('parse')
    expect(campusProfile(parsed.user, parsed.attributes, mapping)).toEqual({
      subject: '2026000101',
      studentNumber: '2026000101',
      nameZh: '王小明',
      nameEn: '王小明',
      email: 'wang@example.edu.cn',
      collegeCode: 'CS',
      level: 'undergraduate',
    })
  })

  it('leaves out what the identity does not carry', () => {
    expect(campusProfile('u1', {}, { ...mapping, studentNumber: 'number' })).toMatchObject({
      studentNumber: null,
      email: null,
      collegeCode: null,
      level: null,
      nameZh: 'u1',
    })
  })
})

describe('levels', () => {
  it("understands the keys, common words and the university's own words", () => {
    const own = parseLevelValues('UG=undergraduate; 学术型硕士=master; bad=emperor')
    expect(own).toEqual({ ug: 'undergraduate', 学术型硕士: 'master' })
    expect(campusLevel('Master', {})).toBe('master')
    expect(campusLevel('博士研究生', {})).toBe('doctoral')
    expect(campusLevel('UG', own)).toBe('undergraduate')
    expect(campusLevel('学术型硕士', own)).toBe('master')
    expect(campusLevel('emperor', own)).toBeNull()
  })
})

describe('passwordSignInAllowed', () => {
  it('closes password sign-in to students only, when the university says so', () => {
    expect(passwordSignInAllowed(['student'], true)).toBe(true)
    expect(passwordSignInAllowed(['student'], false)).toBe(false)
    expect(passwordSignInAllowed(['office_reviewer'], false)).toBe(true)
    expect(passwordSignInAllowed(['student', 'admin'], false)).toBe(true)
  })
})
