import { existsSync } from "node:fs";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

/** Debian's Chromium (never a downloaded browser); JCM_MRV_CHROMIUM points elsewhere. */
export const CHROMIUM = process.env.JCM_MRV_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Whether browser tests can run here. Without Chromium they are skipped with a message — except in
 * CI (`CI` set), where a missing browser is an error: CI installs it and must run them.
 */
export function chromiumMissing(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const message = `${CHROMIUM} is missing: browser tests need Debian's chromium (apt-get install chromium); nothing downloads a browser`;
  if (process.env.CI) throw new Error(message);
  console.warn(`skipping browser tests — ${message}`);
  return message;
}

/** A headless Chromium with a fresh profile and no background networking (the machine is offline). */
export function launchChromium(profileDir: string, viewport = { width: 1100, height: 900 }): Promise<BrowserContext> {
  // launch() refuses --user-data-dir; a persistent context is how Playwright takes a fresh profile dir.
  return chromium.launchPersistentContext(join(profileDir, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport,
  });
}
