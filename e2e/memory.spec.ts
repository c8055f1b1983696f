import { expect, test, type Locator, type Page } from '@playwright/test';
import { SCREENSHOTS, watchErrors } from './page-errors';
import { expectNoSideScroll, openLink } from './run-helpers';

const CONTROL = 'tcp 192.0.2.10:50047 → 198.51.100.20:21 #1';
const DATA = 'tcp 192.0.2.10:50048 → 198.51.100.20:33981 #2';

/** Opens a link to a moment of a run and waits until the page has replayed it. */
const openAt = (page: Page, search: string, seconds: string, width = 1280, height = 800) =>
  openLink(page, search, `${seconds} s`, width, height);

const record = (page: Page, area: string, connection: string): Locator =>
  page
    .getByTestId('checkpoint-memory')
    .locator(
      `[data-testid="checkpoint-record"][data-area="${area}"][data-connection="${connection}"]`,
    );

const row = (page: Page, connection: string): Locator =>
  page
    .getByTestId('firewall-memory')
    .locator(`[data-testid="memory-row"][data-connection="${connection}"]`);

test.describe('memory spaces', () => {
  test('selecting a connection highlights its records in both memory views', async ({ page }) => {
    const errors = watchErrors(page);
    await openAt(page, '?scenario=ftp-crash&t=0.7', '0.700000');
    const control = row(page, CONTROL);
    await expect(control).toBeVisible();
    await expect(control).not.toHaveAttribute('data-selected', 'true');

    await control.click();
    await expect(control).toHaveAttribute('data-selected', 'true');
    await expect(control).toHaveAttribute('aria-selected', 'true');
    await expect(row(page, DATA)).toHaveAttribute('data-related', 'true');
    for (const area of ['base', 'tcp', 'ftp']) {
      await expect(record(page, area, CONTROL)).toHaveAttribute('data-selected', 'true');
    }
    for (const area of ['base', 'tcp']) {
      await expect(record(page, area, DATA)).toHaveAttribute('data-related', 'true');
    }
    await expect(page.getByTestId('memory-selection')).toContainText(CONTROL);
    // Only the selected connection's records are marked selected.
    await expect(
      page.locator('[data-testid="checkpoint-record"][data-selected="true"]'),
    ).toHaveCount(3);
    await page.screenshot({ path: `${SCREENSHOTS}/memory-selected-wide.png`, fullPage: true });

    // Clicking again clears; Enter on a focused row selects, as a click does.
    await control.click();
    await expect(control).not.toHaveAttribute('data-selected', 'true');
    await expect(page.locator('[data-selected="true"]')).toHaveCount(0);
    await row(page, DATA).focus();
    await page.keyboard.press('Enter');
    await expect(row(page, DATA)).toHaveAttribute('data-selected', 'true');
    await expect(control).toHaveAttribute('data-related', 'true');
    await expect(record(page, 'ftp', CONTROL)).toHaveAttribute('data-related', 'true');
    await page.keyboard.press('ArrowUp');
    await expect(control).toBeFocused();
    expect(errors).toEqual([]);
  });

  test('while the firewall is down its memory is gone; the checkpoint server keeps the records', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await openAt(page, '?scenario=ftp-crash&t=0.9', '0.900000');
    const firewall = page.getByTestId('firewall-memory');
    await expect(firewall).toHaveAttribute('data-state', 'down');
    await expect(firewall.getByTestId('firewall-memory-status')).toContainText(
      'Crashed — its memory is gone',
    );
    await expect(firewall.getByTestId('memory-row')).toHaveCount(0);
    for (const area of ['base', 'tcp', 'ftp'])
      await expect(record(page, area, CONTROL)).toBeVisible();

    // The server's records alone still select a connection and find its related one.
    await record(page, 'ftp', CONTROL).click();
    await expect(record(page, 'base', CONTROL)).toHaveAttribute('data-selected', 'true');
    await expect(record(page, 'base', DATA)).toHaveAttribute('data-related', 'true');
    await page.screenshot({ path: `${SCREENSHOTS}/memory-down-wide.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  test('is readable at 420 px wide, the two memories one above the other', async ({ page }) => {
    const errors = watchErrors(page);
    await openAt(page, '?scenario=ftp-crash&t=0.7', '0.700000', 420, 900);
    await row(page, CONTROL).click();
    await expect(record(page, 'ftp', CONTROL)).toHaveAttribute('data-selected', 'true');
    const firewallBox = await page.getByTestId('firewall-memory').boundingBox();
    const serverBox = await page.getByTestId('checkpoint-memory').boundingBox();
    expect(serverBox?.y ?? 0).toBeGreaterThan(
      (firewallBox?.y ?? 0) + (firewallBox?.height ?? 0) - 1,
    );
    await page.getByTestId('memory-area').screenshot({ path: `${SCREENSHOTS}/memory-narrow.png` });
    await expectNoSideScroll(page, 420);
    expect(errors).toEqual([]);
  });

  test('many connections: renders only the rows in view, sorts, filters, follows a selection', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await openAt(page, '?scenario=many-flows&t=0.3', '0.300000');
    const firewall = page.getByTestId('firewall-memory');
    const count = Number(
      ((await firewall.getByTestId('firewall-memory-count').textContent()) ?? '').replace(
        /\D/g,
        '',
      ),
    );
    expect(count).toBeGreaterThan(1_000);
    const rows = firewall.getByTestId('memory-row');
    expect(await rows.count()).toBeLessThan(40);

    // Sort by number, highest first: header state and the first row follow.
    const numberHeader = firewall.locator('th[aria-sort]').first();
    await expect(numberHeader).toHaveAttribute('aria-sort', 'ascending');
    await numberHeader.getByRole('button').click();
    await expect(numberHeader).toHaveAttribute('aria-sort', 'descending');
    const first = await rows.first().getAttribute('data-connection');
    const last = await rows.last().getAttribute('data-connection');
    expect(Number(first?.split('#')[1])).toBeGreaterThan(Number(last?.split('#')[1]));

    // A selection made in the checkpoint memory brings the row into view (it was far down).
    const oldest = page.locator('[data-testid="checkpoint-record"][data-area="base"]').first();
    const id = (await oldest.getAttribute('data-connection')) ?? '';
    await expect(row(page, id)).toHaveCount(0);
    await oldest.click();
    await expect(row(page, id)).toHaveAttribute('data-selected', 'true');
    await expect(row(page, id)).toBeInViewport();
    expect(await rows.count()).toBeLessThan(40);

    await firewall.getByTestId('memory-filter').fill(id.split(' ')[1]);
    await expect(firewall.getByTestId('memory-shown')).toHaveText(/^1 of /);
    await expect(rows).toHaveCount(1);
    await page.screenshot({ path: `${SCREENSHOTS}/memory-many-flows-wide.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
});
