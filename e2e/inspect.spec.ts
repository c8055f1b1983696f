import { expect, test, type Locator, type Page } from '@playwright/test';
import { SCREENSHOTS, watchErrors } from './page-errors';

const SIZES = [
  { name: 'wide', width: 1280, height: 800 },
  { name: 'narrow', width: 420, height: 900 },
] as const;

/** Opens ftp-crash paused at 0.9 s: after the crash, before the restart. */
async function openAt(page: Page, width: number, height: number, t = '0.9'): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.goto(`/?scenario=ftp-crash&t=${t}`);
  await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 30_000 });
  await expect(page.getByTestId('sim-time')).toHaveText(`${Number(t).toFixed(6)} s`);
}

const rows = (page: Page) => page.getByTestId('event-log').getByTestId('event-row');

/** The row's time ("0.008093") as the run bar's clock shows it. */
async function clockOf(row: Locator): Promise<string> {
  return `${(await row.locator('.time').textContent())?.trim()} s`;
}

/** Pages down the (virtualised) list from its top until a row matching `text` is rendered. */
async function scrollToRow(page: Page, text: RegExp): Promise<Locator> {
  const list = page.getByTestId('event-list');
  const row = rows(page).filter({ hasText: text }).first();
  await list.press('Home');
  for (let page = 0; page < 20 && (await row.count()) === 0; page++) await list.press('PageDown');
  await expect(row).toBeVisible();
  return row;
}

async function onlyCategory(page: Page, keep: string): Promise<void> {
  for (const id of ['packets', 'tcp', 'firewall', 'checkpoint', 'recovery', 'apps']) {
    const box = page.getByTestId(`event-filter-${id}`);
    if ((await box.isChecked()) !== (id === keep)) await box.click();
  }
}

test.describe('event log and packet inspector', () => {
  for (const size of SIZES) {
    test(`lists, filters and inspects the events of ftp-crash (${size.name})`, async ({ page }) => {
      const errors = watchErrors(page);
      await openAt(page, size.width, size.height);
      const log = page.getByTestId('event-log');
      await expect(rows(page).first()).toBeVisible();
      // Virtualised: tens of thousands of events, a few dozen rows in the page.
      await expect(log.getByTestId('event-count')).toContainText(/^[\d,]{5,} of [\d,]{5,} events/);
      expect(await rows(page).count()).toBeLessThan(80);
      // Following: the newest event is at the bottom, at or before the playhead.
      await expect(rows(page).last().locator('.time')).toHaveText(/^0\.(8|9)\d{5}$/);

      // Kinds: checkpoint records only.
      await onlyCategory(page, 'checkpoint');
      await expect(rows(page).first()).toContainText('checkpoint');
      for (const what of await rows(page).locator('.what').allTextContents()) {
        expect(what).toMatch(/^checkpoint /);
      }
      await log.getByTestId('event-filter-module').selectOption('ftp');
      // The FTP helper's part of the control connection: written, then rewritten twice.
      await expect(rows(page)).toHaveCount(3);
      await expect(rows(page).first()).toContainText('checkpoint ftp part v1 (44 B), acts 700→704');
      await expect(rows(page).last()).toContainText('ftp part v3');
      await log.getByTestId('event-filter-module').selectOption('');

      // The FTP control connection's packets; its USER command is among the first.
      await onlyCategory(page, 'packets');
      await log.getByTestId('event-filter-connection').fill('#1');
      await expect(rows(page).first().locator('.conn')).toHaveText('#1 tcp 50047 → 21');
      const user = await scrollToRow(page, /client → router eth0.*PSH-ACK.*16 B/);
      const userClock = await clockOf(user);
      await user.click();

      // The playhead moves (back) to the packet's time; the inspector shows it.
      await expect(page.getByTestId('sim-time')).toHaveText(userClock, { timeout: 30_000 });
      await expect(page.getByTestId('run-status')).toHaveText('paused');
      const inspector = page.getByTestId('packet-inspector');
      await expect(inspector.getByTestId('inspector-layer-ipv4')).toContainText('Time to live');
      await expect(inspector.getByTestId('inspector-layer-ipv4')).toContainText('192.0.2.10');
      const tcp = inspector.getByTestId('inspector-layer-tcp');
      await expect(tcp).toContainText('0x018 (PSH, ACK)');
      await expect(tcp).toContainText('Window');
      await expect(inspector.getByTestId('inspector-app-text')).toContainText('USER anonymous');
      const verdict = inspector.getByTestId('inspector-verdict');
      await expect(verdict).toContainText('accept');
      await expect(verdict).toContainText('established');
      await expect(verdict).toContainText('tcp 192.0.2.10:50047 → 198.51.100.20:21 #1');
      const steps = inspector.getByTestId('journey-step');
      await expect(steps.first()).toContainText('sent on client → router eth0');
      await expect(steps.last()).toContainText('delivered to server');
      await expect(steps).toHaveCount(5);

      // The chosen row stays in view, marked; its connection's rows are marked too.
      const chosen = log.locator('[data-testid="event-row"][aria-selected="true"]');
      await expect(chosen).toBeVisible();
      await expect(chosen.locator('.mark')).toHaveText('▶');
      await expect(log.locator('.row.mine').first()).toBeVisible();

      await page.screenshot({
        path: `${SCREENSHOTS}/inspect-ftp-${size.name}.png`,
        fullPage: true,
      });
      await page
        .getByTestId('inspect-area')
        .screenshot({ path: `${SCREENSHOTS}/inspect-area-${size.name}.png` });
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(size.width);
      expect(errors).toEqual([]);
    });
  }

  test('the keyboard moves between rows and Enter chooses one', async ({ page }) => {
    const errors = watchErrors(page);
    await openAt(page, 1280, 800, '0.85');
    const list = page.getByTestId('event-list');
    await list.focus();
    await list.press('End');
    await list.press('ArrowUp');
    await list.press('ArrowUp');
    const active = page.locator(`#${await list.getAttribute('aria-activedescendant')}`);
    await expect(active).toHaveClass(/active/);
    const clock = await clockOf(active);
    await list.press('Enter');
    await expect(active).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('sim-time')).toHaveText(clock);
    await expect(page.getByTestId('run-status')).toHaveText('paused');
    expect(errors).toEqual([]);
  });

  test('a dropped packet shows why, and only its connection can be listed', async ({ page }) => {
    const errors = watchErrors(page);
    await openAt(page, 1280, 800);
    const log = page.getByTestId('event-log');
    await onlyCategory(page, 'packets');
    const drop = rows(page).filter({ hasText: 'drop: firewall-down' }).last();
    await expect(drop).toBeVisible();
    await drop.click();
    const inspector = page.getByTestId('packet-inspector');
    await expect(inspector.getByTestId('journey-step').last()).toContainText('dropped at router');
    await expect(inspector.getByTestId('inspector-verdict')).toContainText('None recorded');

    await log.getByTestId('event-filter-selected').check();
    const connection = await drop.locator('.conn').textContent();
    await expect(rows(page).first()).toBeVisible();
    for (const c of await rows(page).locator('.conn').allTextContents()) expect(c).toBe(connection);
    expect(errors).toEqual([]);
  });
});
