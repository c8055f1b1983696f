import { expect, test } from '@playwright/test';
import { open } from './run-helpers';

// Panels below the fold follow a playing run only while they are near the screen
// (src/ui/ScreenGate.svelte); at rest all of them show the run as it is.
test.describe('panels off screen', () => {
  test('a panel far off screen holds still while the run plays, and catches up when it nears the screen', async ({
    page,
  }) => {
    await open(page, 'video-stream');
    const counters = page
      .getByTestId('screen-gate')
      .filter({ has: page.getByTestId('packet-counters') });
    const sent = page.getByTestId('packets-sent');
    await expect(counters).toHaveAttribute('data-held', 'false');
    await page.getByTestId('speed').selectOption('1');
    await page.getByTestId('play').click();
    await expect(counters).toHaveAttribute('data-held', 'true');
    const held = await sent.textContent();
    await page.waitForTimeout(500);
    expect(await sent.textContent()).toBe(held);
    await sent.scrollIntoViewIfNeeded();
    await expect(counters).toHaveAttribute('data-held', 'false');
    await expect(sent).not.toHaveText(held ?? '');
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect(counters).toHaveAttribute('data-held', 'true');
    await page.getByTestId('pause').click();
    // At rest every panel shows the run as it is.
    await expect(page.locator('[data-testid="screen-gate"][data-held="true"]')).toHaveCount(0);
  });
});
