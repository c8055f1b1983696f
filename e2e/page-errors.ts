import type { Page } from '@playwright/test';

export const SCREENSHOTS = 'e2e/screenshots';

/** Collects console errors and uncaught exceptions; a clean page has none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}
