import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { DEMO_PASSWORD } from './strapi';

/** Debian's Chromium, headless, with the flags this closed network needs (no background calls). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Starts the booted Strapi listening on a free port and returns the console's URL. */
export async function listen(strapi: Core.Strapi): Promise<string> {
  const server = strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

/**
 * Opens the console and signs in; resolves when the user's landing page shows: the dashboard's
 * greeting, or a reviewer's desk.
 */
export async function signIn(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/console/`);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', DEMO_PASSWORD);
  await page.click('button[type="submit"]');
  await page.getByTestId('identity').or(page.getByTestId('my-reviews')).waitFor();
}
