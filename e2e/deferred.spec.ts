import { expect, test } from '@playwright/test';
import { SCREENSHOTS } from './page-errors';
import { open, runToEnd } from './run-helpers';

// The panels below the scene and the run's results come in chunks of their own
// (src/ui/page-parts.ts). A chunk that cannot be fetched must cost only its own panels.
test.describe('parts of the page loaded apart', () => {
  test('both parts arrive, and no loading line is left', async ({ page }) => {
    await open(page, 'ftp-crash');
    await expect(page.getByTestId('invariant-monitors')).toBeVisible();
    await expect(page.getByTestId('packet-counters')).toBeVisible();
    await expect(page.getByTestId('deferred-loading')).toHaveCount(0);
    await expect(page.getByTestId('deferred-error')).toHaveCount(0);
  });

  test('panels whose chunk cannot be fetched say so; the scene, the results and the run go on', async ({
    page,
  }) => {
    const uncaught: string[] = [];
    page.on('pageerror', (error) => uncaught.push(error.message));
    await page.route(/\/assets\/AreaPanels-[^/]*\.js$/, (route) => route.abort());
    await open(page, 'ftp-crash');
    const error = page.getByTestId('deferred-error');
    await expect(error).toHaveCount(1);
    await expect(error).toContainText('Could not load the panels below the scene');
    await expect(page.getByTestId('invariant-monitors')).toHaveCount(0);
    await expect(page.getByTestId('packet-counters')).toBeVisible();
    await runToEnd(page);
    await expect(page.getByTestId('packets-sent')).not.toHaveText('0');
    await error.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/deferred-error.png` });
    await page.setViewportSize({ width: 420, height: 800 });
    await error.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/deferred-error-narrow.png` });
    expect(uncaught).toEqual([]);
  });
});
