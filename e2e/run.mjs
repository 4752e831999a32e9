// Browser end-to-end test of `mailtls serve`, run by the JUnit test io.mailtls.web.BrowserE2ETest.
// Drives Debian's Chromium through playwright-core: submits checks against the fault lab, watches the transcript
// arrive live, reads the verdict and the ladder diagram, and proves a hostile banner is shown as text and runs
// nothing. Screenshots go to OUT_DIR. Prints "e2e: N passed, 0 failed" and exits 0 when every step held.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = (name) => {
  const v = process.env[name];
  if (!v) {
    throw new Error(`environment variable ${name} is missing`);
  }
  return v;
};
const BASE = env('BASE_URL');
const LIVE_TARGET = env('LIVE_TARGET');
const HOSTILE_TARGET = env('HOSTILE_TARGET');
const OUT = env('OUT_DIR');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const checks = [];
const check = (name, ok, detail = '') => {
  checks.push({ name, ok: Boolean(ok), detail: String(detail) });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ' — ' + detail : ''}`);
};

const profile = mkdtempSync(join(tmpdir(), 'mailtls-e2e-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  viewport: { width: 1200, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const dialogs = [];
const problems = [];
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  page.on('console', (m) => {
    console.log(`browser console ${m.type()}: ${m.text()}`);
    if (m.type() === 'error') {
      problems.push(m.text());
    }
  });
  page.on('requestfailed', (r) => console.log(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => console.log(`response: ${r.status()} ${r.url()}`));
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));

  // 1. The form.
  await page.goto(BASE + '/');
  check('home page shows the form', await page.locator('form.check-form input[name=target]').isVisible());
  await page.screenshot({ path: join(OUT, 'home.png') });

  // 2. A check whose greeting comes late: the transcript must arrive while it runs. The page replaces itself with
  // the result a moment after the last line, so rows are recorded as the page adds them, with the state they saw.
  const rows = [];
  await page.exposeFunction('mailtlsRowAdded', (text, state) => rows.push({ text, state }));
  await page.fill('#target', LIVE_TARGET);
  await Promise.all([page.waitForURL(/\/checks\/[0-9a-f]{24}$/), page.click('form.check-form button')]);
  const resultUrl = page.url();
  await page.evaluate(() => {
    const state = document.getElementById('state');
    new MutationObserver((mutations) => {
      for (const m of mutations) {
        for (const n of m.addedNodes) {
          window.mailtlsRowAdded(n.textContent, state.dataset.state);
        }
      }
    }).observe(document.getElementById('live'), { childList: true });
  });
  const stateAtLoad = await page.getAttribute('#state', 'data-state');
  check('the check page opens while the check runs', stateAtLoad === 'running', stateAtLoad);
  const rowsAtLoad = await page.locator('#live tr').allTextContents();
  check('the greeting is not there yet when the page loads', !rowsAtLoad.some((t) => t.includes('220 ')),
    `${rowsAtLoad.length} rows: ${rowsAtLoad.join(' / ')}`);
  await page.screenshot({ path: join(OUT, 'live.png'), fullPage: true });

  // 3. The page turns into the result: verdict and ladder.
  await page.locator('section.verdict').waitFor({ timeout: 60_000 });
  const verdict = (await page.locator('.verdict-outcome').textContent()).trim();
  check('the verdict is shown', verdict === 'TLS OK', verdict);
  check('the result replaced the live page at the same address', page.url() === resultUrl, page.url());
  const liveGreeting = rows.find((r) => r.text.includes('220 '));
  check('the greeting arrived live, while the check still ran', liveGreeting && liveGreeting.state === 'running',
    JSON.stringify(liveGreeting));
  check('more of the conversation arrived live', rows.filter((r) => r.state === 'running').length >= 5,
    `${rows.length} rows added live`);
  const replies = await page.locator('figure.ladder svg line.arrow-reply').count();
  const sends = await page.locator('figure.ladder svg line.arrow-send').count();
  const tls = await page.locator('figure.ladder svg line.arrow-tls').count();
  check('the ladder diagram has commands, replies and the TLS handshake', replies > 3 && sends > 3 && tls === 2,
    `${sends} sent, ${replies} replies, ${tls} TLS`);
  check('the ladder diagram is visible', await page.locator('figure.ladder svg').isVisible());
  check('the delivery table has rows', (await page.locator('table.delivery tbody tr').count()) >= 3);
  await page.locator('figure.ladder').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT, 'result.png'), fullPage: true });

  // 4. The hostile banner: shown as text, runs nothing.
  await page.goto(BASE + '/');
  await page.fill('#target', HOSTILE_TARGET);
  await Promise.all([page.waitForURL(/\/checks\/[0-9a-f]{24}$/), page.click('form.check-form button')]);
  await page.locator('section.verdict').waitFor({ timeout: 60_000 });
  const bannerInLadder = page.locator('svg text.msg-reply', { hasText: '<script>alert(1)</script>' }).first();
  check('the hostile banner is visible as text in the ladder', await bannerInLadder.isVisible());
  await page.locator('details.transcript summary').first().click();
  const bannerInTable = page.locator('table.transcript-table code', { hasText: '<script>alert(1)</script>' }).first();
  check('the hostile banner is visible as text in the transcript', await bannerInTable.isVisible());
  const bannerText = await bannerInTable.textContent();
  check('the ANSI escapes are shown, not interpreted', bannerText.includes('\\x1b[31;1mHOSTILE') && !bannerText.includes('\u001b'),
    bannerText);
  const scripts = await page.evaluate(() => Array.from(document.scripts).map((s) => s.src || 'inline'));
  check('the result page holds no script element', scripts.length === 0, scripts.join(' '));
  await bannerInTable.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT, 'hostile.png'), fullPage: true });

  // 5. The self-contained report of the same check.
  await Promise.all([page.waitForURL(/report\.html$/), page.click('nav.result-links a[href$="report.html"]')]);
  check('the self-contained report shows the verdict', await page.locator('section.verdict').isVisible());
  const radius = await page.evaluate(() => getComputedStyle(document.querySelector('section.verdict')).borderTopLeftRadius);
  check('its inline stylesheet is allowed by its policy hash', radius === '10px', radius);
  check('the self-contained report shows the banner as text',
    await page.locator('svg text.msg-reply', { hasText: '<script>alert(1)</script>' }).first().isVisible());
  await page.screenshot({ path: join(OUT, 'report.png'), fullPage: true });

  check('no dialog ever opened', dialogs.length === 0, dialogs.join(' | '));
  check('no console error and no policy violation', problems.length === 0, problems.join(' | '));
} catch (e) {
  check('the run finished', false, e.stack || e);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
const failed = checks.filter((c) => !c.ok).length;
writeFileSync(join(OUT, 'e2e-result.json'), JSON.stringify({ checks, dialogs, problems }, null, 2));
console.log(`e2e: ${checks.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
