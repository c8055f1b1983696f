import { expect, test, type Page } from '@playwright/test';
import { SCREENSHOTS, watchErrors } from './page-errors';
import { open } from './run-helpers';

const clock = async (page: Page) =>
  parseFloat((await page.getByTestId('sim-time').textContent()) ?? '0');

test.describe('rules editor', () => {
  test('a malformed edit shows an inline error and the running simulation keeps going', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await open(page, 'blocked-address');
    await page.getByTestId('rules-editor-panel').locator('summary').click();
    const editor = page.getByTestId('rules-editor');
    await expect(editor).toHaveValue(/ip saddr 192\.0\.2\.66/);
    await expect(page.getByTestId('rules-ok')).toContainText('4 rules');

    await page.getByTestId('speed').selectOption('1');
    await page.getByTestId('play').click();
    const text = await editor.inputValue();
    await editor.fill(text.replace('ip saddr 192.0.2.66', 'ip saddr 192.0.2.666'));
    const error = page.getByTestId('rules-error');
    await expect(error).toContainText(/^rules:15:\d+: /);
    await expect(error.locator('pre')).toContainText('192.0.2.666');
    await expect(page.getByTestId('rules-apply')).toBeDisabled();
    const at = await clock(page);
    await expect.poll(() => clock(page)).toBeGreaterThan(at + 0.2);
    await expect(page.getByTestId('run-status')).toHaveText('running');
    await page.screenshot({ path: `${SCREENSHOTS}/rules-error.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  test('applying valid rules starts a new run with them; the link carries them', async ({
    page,
  }) => {
    await open(page, 'blocked-address');
    await page.getByTestId('rules-editor-panel').locator('summary').click();
    const editor = page.getByTestId('rules-editor');
    const text = await editor.inputValue();
    // Without the blocking rule the blocked host gets through too.
    await editor.fill(text.replace(/\n\s*ip saddr 192\.0\.2\.66[^\n]*/, ''));
    await expect(page.getByTestId('rules-ok')).toContainText('3 rules — not applied yet');
    await page.getByTestId('rules-apply').click();
    await expect(page).toHaveURL(/[?&]rules=/);
    await expect(page.getByTestId('rules-revert')).toBeVisible();
    await page.getByTestId('speed').selectOption('max');
    await page.getByTestId('play').click();
    await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 30_000 });
    const blocked = page.getByTestId('flow-blocked-download/data');
    await expect(blocked.getByTestId('flow-status')).toHaveText(/^completed/);

    await page.getByTestId('rules-revert').click();
    await expect(page).not.toHaveURL(/[?&]rules=/);
    await expect(editor).toHaveValue(/ip saddr 192\.0\.2\.66/);
  });
});
