import { expect, test, type Page } from '@playwright/test';
import { SCREENSHOTS, watchErrors } from './page-errors';
import { open, runToEnd, expectNoSideScroll } from './run-helpers';

const SIZES = [
  { name: 'wide', width: 1280, height: 800 },
  { name: 'narrow', width: 420, height: 900 },
] as const;

const status = (page: Page, flow: string) =>
  page.getByTestId(`flow-${flow}`).getByTestId('flow-status');

test.describe('firewall', () => {
  for (const size of SIZES) {
    test(`blocked-address: rule 3 stops the blocked host only (${size.name})`, async ({ page }) => {
      const errors = watchErrors(page);
      await open(page, 'blocked-address', size.width, size.height);
      const panel = page.getByTestId('firewall-panel');
      await expect(panel.getByTestId('rule-3').getByTestId('rule-packets')).toHaveText('0');
      await runToEnd(page);

      await expect(status(page, 'blocked-download/control')).toHaveText(
        'aborted (connection timed out)',
      );
      await expect(status(page, 'blocked-download/data')).toHaveText(/^aborted/);
      for (const client of ['client-a', 'client-c']) {
        await expect(status(page, `${client}-download/data`)).toHaveText(/^completed at /);
        await expect(status(page, `${client}-download/control`)).toHaveText(/^completed at /);
      }

      // The blocked host's SYN and its three retransmissions: dropped by rule 3.
      const rule3 = panel.getByTestId('rule-3');
      await expect(rule3.getByTestId('rule-packets')).toHaveText('4');
      await expect(rule3).toContainText('ip saddr 192.0.2.66');
      await expect(panel.getByTestId('verdict-drop')).toContainText('rule 3: 4');
      await expect(page.getByTestId('packets-dropped')).toContainText('firewall-rule: 4');

      // No connection was ever created for the blocked host; the others' are in the table.
      const rows = panel.getByTestId('conn-row');
      await expect(rows).toHaveCount(4);
      await expect(rows.filter({ hasText: '192.0.2.66' })).toHaveCount(0);
      await expect(rows.filter({ hasText: 'expectation (ftp)' })).toHaveCount(2);
      await expect(panel.getByTestId('firewall-summary')).toContainText('4 connections tracked');
      const live = page.getByTestId('topology').getByTestId('firewall-connections');
      await expect(live).toHaveText(/^4\s*connections$/);

      await page.screenshot({
        path: `${SCREENSHOTS}/firewall-blocked-address-${size.name}.png`,
        fullPage: true,
      });
      await expectNoSideScroll(page, size.width);
      expect(errors).toEqual([]);
    });

    test(`video-call: the SIP helper lets the call's media through (${size.name})`, async ({
      page,
    }) => {
      const errors = watchErrors(page);
      await open(page, 'video-call', size.width, size.height);
      await runToEnd(page);

      const flows = ['signalling', 'audio-out', 'video-out', 'audio-in', 'video-in'];
      await expect(page.getByTestId('flow-table').locator('tbody tr')).toHaveCount(flows.length);
      for (const flow of flows) {
        await expect(status(page, `call/${flow}`)).toHaveText(/^completed at /);
      }
      await expect(page.getByTestId('flow-call/signalling')).toContainText('sip-call');

      const panel = page.getByTestId('firewall-panel');
      const rows = panel.getByTestId('conn-row');
      await expect(rows).toHaveCount(5);
      await expect(rows.first()).toContainText('sip-standard');
      await expect(rows.filter({ hasText: 'expectation (sip)' })).toHaveCount(4);
      await expect(panel.getByTestId('verdict-drop')).toContainText('0');
      await expect(page.getByTestId('packets-dropped')).toHaveText('0');

      await page.screenshot({
        path: `${SCREENSHOTS}/firewall-video-call-${size.name}.png`,
        fullPage: true,
      });
      await expectNoSideScroll(page, size.width);
      expect(errors).toEqual([]);
    });
  }
});
