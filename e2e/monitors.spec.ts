import { expect, test, type Page } from '@playwright/test';
import { SCREENSHOTS, watchErrors } from './page-errors';
import { expectNoSideScroll } from './run-helpers';

const monitor = (page: Page, id: string) =>
  page.getByTestId('invariant-monitors').locator(`[data-monitor="${id}"]`);

async function openAndFinish(page: Page, search: string, width = 1280): Promise<void> {
  await page.setViewportSize({ width, height: 800 });
  await page.goto(`/${search}`);
  await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 30_000 });
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 30_000 });
}

test.describe('invariant monitors', () => {
  test('ftp-crash with unique-id: every invariant holds through the crash', async ({ page }) => {
    const errors = watchErrors(page);
    await openAndFinish(page, '?scenario=ftp-crash');
    for (const id of ['rebuilt', 'admitted', 'records']) {
      await expect(monitor(page, id)).toHaveAttribute('data-status', 'holds');
    }
    await expect(monitor(page, 'rebuilt')).toContainText('holds · 1 check');
    await expect(monitor(page, 'admitted')).toContainText(/holds · [\d,]+ checks/);
    expect(errors).toEqual([]);
  });

  test('the prior art fails "every connection rebuilt"; the jump goes to the recovery', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await openAndFinish(page, '?scenario=ftp-crash&strategy=none');
    const rebuilt = monitor(page, 'rebuilt');
    await expect(rebuilt).toHaveAttribute('data-status', 'failed');
    await expect(rebuilt).toContainText('crash #1: 0 of 20 rebuilt, 20 lost');
    await expect(monitor(page, 'records')).toHaveAttribute('data-status', 'n/a');
    await page.getByTestId('invariant-monitors').screenshot({
      path: `${SCREENSHOTS}/monitors-none.png`,
    });
    await rebuilt.getByTestId('monitor-goto').click();
    await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 20_000 });
    // The router server had the firewall back in service 250 ms after the crash at 0.8 s.
    await expect(page.getByTestId('sim-time')).toHaveText('1.050000 s');
    const chosen = page.locator('[data-testid="event-row"][aria-selected="true"]');
    await expect(chosen).toContainText('firewall back in service');
    expect(errors).toEqual([]);
  });

  test('fail-open: a packet let through unchecked breaks "no packet admitted…"', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await openAndFinish(page, '?scenario=ftp-crash&fail=open', 420);
    const admitted = monitor(page, 'admitted');
    await expect(admitted).toHaveAttribute('data-status', 'failed');
    await expect(admitted).toContainText(/packet \d+ forwarded with no verdict from the firewall/);
    await page.getByTestId('invariant-monitors').screenshot({
      path: `${SCREENSHOTS}/monitors-fail-open-narrow.png`,
    });
    await expectNoSideScroll(page, 420);
    expect(errors).toEqual([]);
  });
});
