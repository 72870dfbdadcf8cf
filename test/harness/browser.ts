// Headless Debian chromium driven by playwright-core, registered for cleanup so no browser
// outlives the run.
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './codeServer';
import { errorMessage, registerCleanup, withTimeout } from './process';

export interface LaunchedBrowser {
  browser: Browser;
  /** Closes the browser (bounded); safe to call twice. */
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<LaunchedBrowser> {
  const executablePath = findChromium();
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  } catch (err) {
    throw new Error(`could not launch ${executablePath}: ${errorMessage(err)}`);
  }
  let closed = false;
  // On a hard exit playwright-core itself kills the chromium it launched (its own 'exit' hook).
  const killSync = () => undefined;
  const close = async () => {
    if (closed) return;
    closed = true;
    unregister();
    try {
      await withTimeout(browser.close(), 10_000, 'closing chromium');
    } catch (err) {
      console.error(`warning: ${errorMessage(err)}`);
    }
  };
  const unregister = registerCleanup(close, killSync);
  return { browser, close };
}
