import { formatCsv } from '../../app/domain/import/csv'
import { db, uniqueTag } from './review-helpers'
import { en, expect, login, test, usePhone, zh } from './fixtures'

// An administrator imports partner institutions from a CSV file with mistakes: the preview names
// each bad row, column and reason, and nothing is written; then they import only the good rows,
// and a program for one of the new partners, which students find in the catalogue.

const csvFile = (name: string, rows: string[][]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(formatCsv(rows), 'utf8') })

/** How many partners the admin's partner list shows for a search (other journeys add partners meanwhile). */
async function partnersListed(page: import('@playwright/test').Page, q: string) {
  await page.goto(`/admin/partners?show=all&q=${encodeURIComponent(q)}`)
  return page.getByTestId('admin-list').locator('tbody tr').count()
}

test('partners with bad rows: errors listed, nothing written; then the good rows are imported and used', async ({ page }) => {
  test.slow() // three uploads and two imports, on a shared 2-core machine
  const tag = uniqueTag()
  const good1 = { zh: `赫尔辛基测试大学${tag}`, en: `Helsinki Test University ${tag}` }
  const good2 = { zh: `维尔纽斯测试大学${tag}`, en: `Vilnius Test University ${tag}` }
  const bad = { zh: `错误大学${tag}`, en: `Broken University ${tag}` }
  await login(page, 'admin@demo.edu.cn')

  await page.locator('a[href="/admin/import"]').click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('imports.title'))
  await page.getByLabel(zh('imports.kind')).selectOption({ label: zh('imports.kind.partners') })
  await page.getByLabel(zh('imports.file')).setInputFiles(
    csvFile('合作院校.csv', [
      ['中文名称', '英文名称', '国家代码', '国家（中文）', '国家（英文）', '地区', '合作层级', '一带一路', '每年名额'],
      [good1.zh, good1.en, 'FI', '芬兰', 'Finland', '欧洲', '紧密合作伙伴', '否', '4'],
      [bad.zh, bad.en, 'FRA', '法国', 'France', 'europe', 'best friends', '', '3'],
      [good2.zh, good2.en, 'LT', '立陶宛', 'Lithuania', 'europe', 'general', '是', ''],
      [`${good1.zh}（重复）`, good1.en.toUpperCase(), 'fi', '芬兰', 'Finland', 'europe', 'close', '', ''],
    ]),
  )
  await page.getByRole('button', { name: zh('imports.upload') }).click()

  const preview = page.getByTestId('import-preview')
  await expect(preview.getByRole('heading', { name: zh('imports.preview.title', { fileName: '合作院校.csv' }) })).toBeVisible()
  await expect(preview).toContainText(zh('imports.preview.summary', { total: 4, good: 2, bad: 2 }))
  const errorRows = preview.getByTestId('import-errors').locator('tbody tr')
  await expect(errorRows).toHaveText([
    ['3', zh('imports.col.countryCode'), zh('imports.error.countryCode')].join(''),
    ['3', zh('imports.col.tier'), zh('imports.error.choice', { values: 'comprehensive, close, general' })].join(''),
    ['5', zh('imports.col.nameEn'), zh('imports.error.duplicateInFile', { row: 2 })].join(''),
  ])
  // Every row is shown with its values; the bad ones marked.
  await expect(preview.getByTestId('import-rows').locator('tbody tr[data-status="bad"]')).toHaveCount(2)
  await expect(preview.getByTestId('import-rows')).toContainText(bad.zh)
  // A file with bad rows offers only the good rows.
  await expect(preview.getByRole('button', { name: zh('imports.importAll', { count: 2 }) })).toHaveCount(0)

  // Nothing written yet: not in the database, not counted on the admin home (seen in another tab).
  expect(await db().partnerInstitution.count({ where: { nameEn: { contains: tag } } })).toBe(0)
  const home = await page.context().newPage()
  expect(await partnersListed(home, tag)).toBe(0)
  await home.close()

  // Import only the good rows of the same upload.
  await preview.getByRole('button', { name: zh('imports.importGood', { count: 2 }) }).click()
  await expect(page.locator('.alert-ok')).toContainText(zh('imports.done', { count: 2, kind: zh('imports.kind.partners') }))
  await expect(page.locator('.alert-ok')).toContainText(zh('imports.doneSkipped', { count: 2 }))
  expect(await partnersListed(page, tag)).toBe(2)
  const imported = await db().partnerInstitution.findMany({ where: { nameEn: { contains: tag } }, orderBy: { nameEn: 'asc' } })
  expect(imported.map((p) => [p.nameZh, p.countryCode, p.tier, p.beltAndRoad])).toEqual([
    [good1.zh, 'FI', 'close', false],
    [good2.zh, 'LT', 'general', true],
  ])

  // A program for one of the new partners, referenced by its English name: students can find it.
  const title = { zh: `赫尔辛基测试交换${tag}`, en: `Helsinki test exchange ${tag}` }
  const today = new Date().toISOString().slice(0, 10)
  const year = new Date().getUTCMonth() >= 8 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1
  await page.goto('/admin/import')
  await page.getByLabel(zh('imports.kind')).selectOption({ label: zh('imports.kind.programs') })
  await page.getByLabel(zh('imports.file')).setInputFiles(
    csvFile('programs.csv', [
      ['项目类型', '合作院校', '学年', '项目名称（中文）', '项目名称（英文）', '适用学生', '名额', '开放申请日期', '截止日期'],
      ['exchange', good1.en, `${year}-${year + 1}`, title.zh, title.en, '本科生', '3', today, `${year + 1}-08-31`],
    ]),
  )
  await page.getByRole('button', { name: zh('imports.upload') }).click()
  await page.getByRole('button', { name: zh('imports.importAll', { count: 1 }) }).click()
  await expect(page.locator('.alert-ok')).toContainText(zh('imports.done', { count: 1, kind: zh('imports.kind.programs') }))
  await page.goto(`/programs?q=${encodeURIComponent(tag)}`)
  await expect(page.getByText(title.zh)).toBeVisible()
  await expect(page.getByText(good1.zh)).toBeVisible()
})

test('a GBK file is refused with what to do, and nothing else happens (on a phone)', async ({ page, allowConsoleErrors }) => {
  allowConsoleErrors(/status of 400/) // the refusal is a 400 answer to the upload
  await usePhone(page)
  await login(page, 'admin@demo.edu.cn')
  await page.goto('/admin/import')
  // "中文名称,英文名称" saved by Excel as GBK.
  const gbk = Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xd3, 0xa2, 0xce, 0xc4, 0xc3, 0xfb, 0xb3, 0xc6, 0x0a])
  await page.getByLabel(zh('imports.file')).setInputFiles({ name: 'partners.csv', mimeType: 'text/csv', buffer: gbk })
  await page.getByRole('button', { name: zh('imports.upload') }).click()
  await expect(page.locator('#form-errors')).toHaveText(zh('imports.file.notUtf8'))
  await expect(page.getByTestId('import-preview')).toHaveCount(0)
  // Wide tables scroll inside their frame; the page itself fits the 375 px screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
})

test('the email previews show a template in Chinese and in English, subject, message and plain text', async ({
  page,
  allowConsoleErrors,
}) => {
  // Playwright injects its scripts into every frame, which Chromium refuses (and logs) in a frame
  // sandboxed without allow-scripts (microsoft/playwright#33343); a user's browser logs nothing.
  allowConsoleErrors(/Blocked script execution in '[^']*\/admin\/email-previews\/[^']*' because the document's frame is sandboxed/)
  // The sandboxed preview frame is its own (opaque) origin, so Chromium notes that it cannot be origin-keyed like the page.
  allowConsoleErrors(/requested an origin-keyed agent cluster using the Origin-Agent-Cluster header/)
  await login(page, 'admin@demo.edu.cn')
  await page.goto('/admin')
  await page.locator('a[href="/admin/email-previews"]').click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('emailPreviews.title'))
  await expect(page.getByRole('link', { name: zh('emailPreviews.deliveries') })).toHaveAttribute('href', '/admin/emails')

  const section = page.getByTestId('email-account-invitation')
  const chinese = section.locator('[data-locale="zh-CN"]')
  const english = section.locator('[data-locale="en"]')
  await expect(chinese.getByTestId('subject')).toHaveText(zh('email.accountInvitation.subject'))
  await expect(english.getByTestId('subject')).toHaveText(en('email.accountInvitation.subject'))

  for (const [card, t, locale, greeting] of [
    [chinese, zh, 'zh-CN', '王小明，您好：'],
    [english, en, 'en', 'Dear WANG Xiaoming,'],
  ] as const) {
    const frame = card.locator('iframe')
    await frame.scrollIntoViewIfNeeded()
    await expect(frame).toHaveAttribute('sandbox', '')
    const body = page
      .frameLocator(`iframe[title="${zh('emailPreviews.frameTitle', { template: 'account-invitation', locale })}"]`)
      .locator('body')
    await expect(body).toContainText(greeting)
    await expect(body.getByRole('link', { name: t('email.accountInvitation.button') })).toBeVisible()
    await card.getByText(zh('emailPreviews.text')).click()
    await expect(card.locator('pre')).toContainText(t('email.accountInvitation.expiry', { days: 7 }))
  }
})
