import { expect, test, type Page } from '@playwright/test';
import { SCREENSHOTS, watchErrors } from './page-errors';
import { expectNoSideScroll } from './run-helpers';

const row = (page: Page, key: string) =>
  page.getByTestId('compare-table').locator(`[data-key="${key}"]`);

test.describe('compare mode', () => {
  test('ftp-crash: unique-id beside none, in lockstep; where they part; both outcomes', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/?scenario=ftp-crash');
    await expect(page.getByTestId('run-status')).toHaveText('paused');
    await expect(page.getByTestId('compare-table')).toHaveCount(0);

    await page.getByTestId('compare-strategy').selectOption('none');
    await expect(page).toHaveURL(/compare=none/);
    await expect(page.getByTestId('compare-divergence')).toContainText('No divergence so far');

    // Lockstep: paused mid-run, the compared run stands at the same instant.
    await page.getByTestId('speed').selectOption('1');
    await page.getByTestId('play').click();
    // While it plays, the compared run's clock moves too (not only once paused).
    const comparedClock = row(page, 'clock').locator('td').nth(1);
    const seen = new Set<string>();
    await expect
      .poll(async () => seen.add((await comparedClock.textContent()) ?? '').size, {
        timeout: 10_000,
      })
      .toBeGreaterThan(3);
    await expect(page.getByTestId('run-status')).toHaveText('running');
    await expect
      .poll(async () => parseFloat((await page.getByTestId('sim-time').textContent()) ?? '0'), {
        timeout: 20_000,
      })
      .toBeGreaterThan(1.2);
    await page.getByTestId('pause').click();
    await expect(page.getByTestId('run-status')).toHaveText('paused');
    const clock = (await page.getByTestId('sim-time').textContent())!.trim();
    await expect(row(page, 'clock').locator('td').nth(1)).toHaveText(clock);
    await expect(row(page, 'crashes').locator('td').nth(0)).toHaveText(
      '20 recovered, 0 lost of 20',
    );
    await expect(row(page, 'crashes').locator('td').nth(1)).toHaveText(
      '0 recovered, 20 lost of 20',
    );
    // Sync checkpointing holds the first SYN for its write: the runs part right there.
    await expect(page.getByTestId('compare-divergence')).toContainText(
      'First divergence at 0.001005 s',
    );
    await expect(page.getByTestId('compare-divergence-note')).toContainText(
      'the same packet, 33 µs later in unique-id · sync',
    );

    await page.getByTestId('speed').selectOption('max');
    await page.getByTestId('play').click();
    await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 30_000 });
    // The compared run goes on to its own end: the prior art's download never completes.
    await expect(row(page, 'clock').locator('td').nth(1)).toContainText('over', {
      timeout: 30_000,
    });
    const summary = page.getByTestId('compare-summary');
    await expect(summary).toContainText(
      /unique-id · sync: 20 recovered, 0 lost of 20\. download\/data completed at/,
    );
    await expect(summary).toContainText(
      'none: 0 recovered, 20 lost of 20. download/data did not complete.',
    );
    await page.getByTestId('compare').screenshot({ path: `${SCREENSHOTS}/compare-ftp-crash.png` });

    await page.getByTestId('compare-goto').click();
    await expect(page.getByTestId('sim-time')).toHaveText('0.001005 s', { timeout: 20_000 });
    await expect(page).toHaveURL(/t=0\.001005.*compare=none|compare=none.*t=0\.001005/);
    expect(errors).toEqual([]);
  });

  test('async checkpointing: identical traffic until after the restart; a link reopens it', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 420, height: 900 });
    await page.goto('/?scenario=ftp-crash&mode=async&compare=none&t=1.2');
    await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 30_000 });
    await expect(page.getByTestId('compare-strategy')).toHaveValue('none');
    const divergence = page.getByTestId('compare-divergence');
    await expect(divergence).toContainText('First divergence at 1.050537 s', { timeout: 20_000 });
    await expect(page.getByTestId('compare-divergence-a')).toContainText('accept');
    await expect(page.getByTestId('compare-divergence-b')).not.toContainText('accept');
    await page
      .getByTestId('compare')
      .screenshot({ path: `${SCREENSHOTS}/compare-async-narrow.png` });
    await expectNoSideScroll(page, 420);

    await page.getByTestId('compare-strategy').selectOption('off');
    await expect(page.getByTestId('compare-table')).toHaveCount(0);
    await expect(page).not.toHaveURL(/compare=/);
    expect(errors).toEqual([]);
  });
});
