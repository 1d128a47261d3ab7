// What the browser journeys stand on: the real app listening on a loopback port with a fresh SQLite
// file, and Debian's Chromium driven by playwright-core (never a downloaded browser).
import fs from "node:fs";
import fsp from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { loadConfig, type Config } from "../../src/config/config.js";
import { openDatabase } from "../../src/db/database.js";
import { migrateToLatest } from "../../src/db/migrator.js";
import { buildApp } from "../../src/http/app.js";
import { createMailer } from "../../src/mail/mailer.js";

/** The browser the journeys drive: Debian's package, or QUIRE_CHROMIUM_PATH on other machines. */
export const chromiumPath = process.env.QUIRE_CHROMIUM_PATH || "/usr/bin/chromium";

export const chromiumMissingMessage =
  `Chromium was not found at ${chromiumPath}, so the browser tests cannot run. ` +
  "Install it with `apt-get install chromium` (Debian/Ubuntu), or set QUIRE_CHROMIUM_PATH to a Chromium/Chrome " +
  "binary, or set QUIRE_SKIP_BROWSER=1 to skip the browser tests.";

export function chromiumInstalled(): boolean {
  try {
    fs.accessSync(chromiumPath, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the browser tests should be skipped: only when QUIRE_SKIP_BROWSER=1 asks for it. Without
 * that setting a missing Chromium fails the tests with an install hint (see launchChromium).
 */
export function skipBrowserTests(): boolean {
  if (process.env.QUIRE_SKIP_BROWSER !== "1") return false;
  console.warn(
    chromiumInstalled()
      ? "[browser tests skipped] QUIRE_SKIP_BROWSER=1 is set."
      : `[browser tests skipped] QUIRE_SKIP_BROWSER=1 is set. ${chromiumMissingMessage}`,
  );
  return true;
}

export async function launchChromium(): Promise<Browser> {
  if (!chromiumInstalled()) throw new Error(chromiumMissingMessage);
  return chromium.launch({
    executablePath: chromiumPath,
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
  });
}

/**
 * Reports what a journey must never meet on `page`: console errors, uncaught script errors and
 * error responses (a favicon's 404 aside: the app has none yet).
 */
/** Where the README's pictures live. */
const screenshotDir = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));

/**
 * Photographs the page, in the light colour scheme, into docs/screenshots/NAME for the README, but
 * only when asked (QUIRE_SCREENSHOTS=1, `npm run screenshots`), so that a test run leaves the working
 * tree as it was. `height` keeps only the top of a long page.
 */
export async function readmeScreenshot(page: Page, name: string, height?: number): Promise<void> {
  if (!process.env.QUIRE_SCREENSHOTS) return;
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.emulateMedia({ colorScheme: "light" });
  const width = page.viewportSize()?.width ?? 1280;
  await page.screenshot({
    path: path.join(screenshotDir, name),
    fullPage: true,
    animations: "disabled",
    ...(height === undefined ? {} : { clip: { x: 0, y: 0, width, height } }),
  });
}

export function watchForProblems(page: Page, report: (problem: string) => void): void {
  page.on("console", (message) => {
    // "Failed to load resource" is Chromium's echo of an HTTP error, reported below with its URL.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      report(`console error on ${page.url()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => report(`uncaught error on ${page.url()}: ${error.message}`));
  page.on("response", (response) => {
    if (response.status() >= 400 && !response.url().endsWith("/favicon.ico")) {
      report(`${response.status()} for ${response.request().method()} ${response.url()}`);
    }
  });
}

export interface RunningQuire {
  baseUrl: string;
  config: Config;
  dataDir: string;
  close(): Promise<void>;
}

/** Starts the whole app as `quire serve` would, on a fresh SQLite file in a temporary folder. */
export async function startQuire(): Promise<RunningQuire> {
  const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), "quire-browser-"));
  const config = loadConfig({}, { dataDir, logLevel: "silent", port: 0 });
  const db = openDatabase({ databaseUrl: "", sqlitePath: config.sqlitePath });
  await migrateToLatest(db);
  const mailer = createMailer(config);
  const { app } = await buildApp({ config, db, mailer, logger: false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    config,
    dataDir,
    async close() {
      await app.close();
      mailer.close();
      await db.close();
      await fsp.rm(dataDir, { recursive: true, force: true });
    },
  };
}
