import { expect, test, type Page } from '@playwright/test';
import { SCREENSHOTS, watchErrors } from './page-errors';
import { open } from './run-helpers';

/** Everything a reader compares between two pages showing "the same run". */
async function runFacts(page: Page): Promise<string[]> {
  const ids = ['sim-time', 'packet-counters', 'checkpoint-panel', 'firewall-panel', 'flow-table'];
  return Promise.all(ids.map(async (id) => (await page.getByTestId(id).innerText()).trim()));
}

test.describe('run controls', () => {
  test('a shared link reproduces the run: settings, added crash and playhead', async ({
    page,
    context,
  }) => {
    const errors = watchErrors(page);
    await open(page, 'ftp-crash');
    await page.getByTestId('seed').fill('7');
    await page.getByTestId('seed').press('Enter');
    await page.getByTestId('strategy').selectOption('snapshot');
    await page.getByTestId('crash-at').fill('1.5');
    await page.getByTestId('crash-at-add').click();
    await expect(page).toHaveURL(/crash=1\.5/);
    // The timeline spans the whole run once the overview has run it ahead.
    await expect(page.getByTestId('timeline-end')).not.toHaveText(/^≥/, { timeout: 20_000 });
    await page.getByTestId('timeline').fill('1800000');
    await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 20_000 });
    await expect(page.getByTestId('sim-time')).toHaveText('1.800000 s');
    await expect(page.getByTestId('crash-row')).toHaveCount(2);
    const href = await page.getByTestId('share-link').getAttribute('href');
    expect(href).toContain('seed=7');
    expect(href).toContain('strategy=snapshot');
    expect(href).toContain('t=1.8');
    const facts = await runFacts(page);

    const other = await context.newPage();
    const otherErrors = watchErrors(other);
    await other.setViewportSize({ width: 1280, height: 800 });
    await other.goto(href ?? '/');
    await expect(other.getByTestId('run-status')).toHaveText('paused', { timeout: 20_000 });
    await expect(other.getByTestId('seed')).toHaveValue('7');
    await expect(other.getByTestId('strategy')).toHaveValue('snapshot');
    expect(await runFacts(other)).toEqual(facts);
    await other.screenshot({ path: `${SCREENSHOTS}/controls-shared-link.png`, fullPage: false });
    expect(errors).toEqual([]);
    expect(otherErrors).toEqual([]);
  });

  test('scrubbing back replays the run exactly', async ({ page }) => {
    await open(page, 'ftp-crash');
    const timeline = page.getByTestId('timeline');
    await expect(page.getByTestId('timeline-end')).not.toHaveText(/^≥/, { timeout: 20_000 });
    await timeline.fill('900000');
    await expect(page.getByTestId('sim-time')).toHaveText('0.900000 s', { timeout: 20_000 });
    const at900 = await runFacts(page);
    await timeline.fill('1000000');
    await expect(page.getByTestId('sim-time')).toHaveText('1.000000 s', { timeout: 20_000 });
    await timeline.fill('900000');
    await expect(page.getByTestId('sim-time')).toHaveText('0.900000 s', { timeout: 20_000 });
    await expect(page.getByTestId('run-status')).toHaveText('paused');
    expect(await runFacts(page)).toEqual(at900);
  });

  test('a damaged link opens a working page and says what it could not use', async ({ page }) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/?scenario=ftp-crash&seed=banana&strategy=magic&t=soon&x=1');
    const notices = page.getByTestId('url-notices');
    await expect(notices).toContainText('URL parameter "seed": "banana" is not a seed');
    await expect(notices).toContainText('URL parameter "strategy": "magic" is not one of');
    await expect(notices).toContainText('URL parameter "t": "soon" is not a time in seconds');
    await expect(notices).toContainText('URL parameter "x": unknown parameter');
    await expect(page.getByTestId('scenario')).toHaveValue('ftp-crash');
    await expect(page.getByTestId('seed')).toHaveValue('1');
    await expect(page.getByTestId('topology')).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/controls-damaged-link.png` });
    await notices.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notices).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('keyboard: space plays and pauses, → steps, c crashes, ? shows help', async ({ page }) => {
    await open(page, 'ftp-transfer');
    await page.getByTestId('speed').selectOption('0.1');
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Space');
    await expect(page.getByTestId('run-status')).toHaveText('running');
    await page.waitForTimeout(500);
    await page.keyboard.press('Space');
    await expect(page.getByTestId('run-status')).toHaveText('paused');
    const before = await page.getByTestId('sim-time').textContent();
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('sim-time')).not.toHaveText(before ?? '');
    await page.keyboard.press('c');
    await expect(page.getByTestId('firewall-state')).toHaveText('down', { timeout: 20_000 });
    await expect(page).toHaveURL(/crash=0\.\d+/);
    await page.keyboard.press('?');
    const help = page.getByTestId('help');
    await expect(help).toBeVisible();
    await expect(help).toContainText('step one event');
    await page.screenshot({ path: `${SCREENSHOTS}/controls-help.png` });
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
  });

  test('a bad crash time or seed is refused inline and the run goes on', async ({ page }) => {
    await open(page, 'ftp-crash');
    await page.getByTestId('crash-at').fill('soon');
    await page.getByTestId('crash-at-add').click();
    await expect(page.getByTestId('crash-at-error')).toContainText('is not a time in seconds');
    await page.getByTestId('seed').fill('-1');
    await page.getByTestId('seed').press('Enter');
    await expect(page.getByTestId('seed-error')).toBeVisible();
    await expect(page).toHaveURL(/seed=1&/);
    await expect(page.getByTestId('play')).toBeEnabled();
  });
});
