// A reader's first visit in a real browser: sign up (once wrongly, then properly), log out, log in,
// add a pseud and log out again, through the real pages of the running app. Every distinct page is
// checked with axe-core (light and dark colour schemes) and must have no accessibility violations;
// with QUIRE_SCREENSHOTS=1 the sign-up and profile pages are photographed into docs/screenshots/.
//
// Needs Chromium at /usr/bin/chromium (`apt-get install chromium`); see harness.ts.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { axeViolations, formatViolations } from "./axe.js";
import {
  launchChromium,
  skipBrowserTests,
  startQuire,
  type RunningQuire,
  readmeScreenshot,
  watchForProblems,
} from "./harness.js";
import { QuirePage } from "./pages/base-page.js";
import { LogInPage } from "./pages/login-page.js";
import { ProfilePage } from "./pages/pseud-pages.js";
import { SignUpPage } from "./pages/signup-page.js";

const desktop = { width: 1280, height: 800 };
const phone = { width: 375, height: 740 };

describe.skipIf(skipBrowserTests())("account journey in Chromium", () => {
  let quire: RunningQuire;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Console errors, uncaught page errors and failed requests seen while a test ran. */
  let problems: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    quire = await startQuire();
  });

  afterAll(async () => {
    await browser?.close();
    await quire?.close();
  });

  async function openContext(viewport: { width: number; height: number }, isMobile = false): Promise<void> {
    context = await browser.newContext({ viewport, isMobile, hasTouch: isMobile, locale: "en-GB" });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    problems = [];
    watchForProblems(page, (problem) => problems.push(problem));
  }

  beforeEach(async () => {
    await openContext(desktop);
  });

  afterEach(async () => {
    await context?.close();
  });

  /** Runs axe on the page in the light and the dark colour scheme; every violation is reported. */
  async function expectAccessible(label: string): Promise<void> {
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      const violations = await axeViolations(page);
      expect
        .soft(violations, formatViolations(`${label} [${colorScheme}] ${page.url()}`, violations))
        .toEqual([]);
    }
    await page.emulateMedia({ colorScheme: "light" });
  }

  it("keeps what was typed and explains a mismatched password confirmation next to the field", async () => {
    // Arrange
    const signUp = await new SignUpPage(page).open(quire.baseUrl);
    await expect(signUp.heading.textContent()).resolves.toBe("Create an account");
    await expectAccessible("sign-up");
    await readmeScreenshot(page, "signup.png");

    // Act
    await signUp.fillIn({
      username: "mismatched_reader",
      email: "mismatch@example.com",
      password: "correct horse battery",
      confirmation: "correct horse battery staple",
    });
    await signUp.submit();

    // Assert: the form came back (422) with the message beside the confirmation field...
    expect(new URL(page.url()).pathname).toBe("/signup");
    problems = problems.filter((p) => !p.startsWith("422 for POST"));
    const message = "The passwords you entered don't match.";
    await expect(signUp.confirmation.error.textContent()).resolves.toBe(message);
    await expect(signUp.confirmation.input.getAttribute("aria-invalid")).resolves.toBe("true");
    const describedBy = (await signUp.confirmation.input.getAttribute("aria-describedby")) ?? "";
    const errorId = await signUp.confirmation.error.getAttribute("id");
    expect(describedBy.split(" ")).toContain(errorId);
    // ...and in the summary at the top, linking to the field.
    await expect(signUp.errorSummary.getByRole("link", { name: message }).getAttribute("href")).resolves.toBe(
      "#field-password_confirmation",
    );
    // The username and email typed are kept; the passwords are not sent back.
    await expect(signUp.username.input.inputValue()).resolves.toBe("mismatched_reader");
    await expect(signUp.email.input.inputValue()).resolves.toBe("mismatch@example.com");
    await expect(signUp.password.input.inputValue()).resolves.toBe("");
    await expect(signUp.terms.input.isChecked()).resolves.toBe(true);
    // Only the confirmation is marked wrong.
    await expect(signUp.username.error.count()).resolves.toBe(0);
    await expect(signUp.email.error.count()).resolves.toBe(0);
    await expectAccessible("sign-up with errors");
    expect(problems).toEqual([]);
  });

  it("signs up, logs out, logs in, adds a pseud and logs out", { timeout: 90_000 }, async () => {
    // Arrange
    const reader = {
      username: "quill_reader",
      email: "quill@example.com",
      password: "correct horse battery",
    };
    await page.goto(quire.baseUrl);
    const home = new QuirePage(page);
    await expect(home.heading.textContent()).resolves.toBe(`Welcome to ${quire.config.siteName}`);
    await expectAccessible("home (guest)");

    // Act: sign up from the header link.
    await home.navigateBy(home.signUpLink);
    const signUp = new SignUpPage(page);
    await signUp.fillIn(reader);
    await signUp.submit();

    // Assert: logged in, on the new profile, whose only pseud is the username.
    const profile = new ProfilePage(page);
    expect(new URL(page.url()).pathname).toBe(`/users/${reader.username}`);
    await expect(profile.flash.textContent()).resolves.toContain(
      `${reader.username}! Your account is ready.`,
    );
    await expect(profile.heading.textContent()).resolves.toBe(reader.username);
    await expect(profile.pseudNames()).resolves.toEqual([reader.username]);
    await expect(profile.userLink(reader.username).isVisible()).resolves.toBe(true);
    await expectAccessible("profile (owner, just signed up)");

    // Act: log out from the header.
    await profile.logOut();

    // Assert: back on the front page as a guest.
    expect(new URL(page.url()).pathname).toBe("/");
    await expect(home.flash.textContent()).resolves.toContain("You are logged out.");
    await expect(home.logInLink.isVisible()).resolves.toBe(true);
    await expect(home.userLink(reader.username).count()).resolves.toBe(0);

    // Act: log in from the header link, with the email address.
    await home.navigateBy(home.logInLink);
    const logIn = new LogInPage(page);
    await expect(logIn.heading.textContent()).resolves.toBe("Log in");
    await expectAccessible("log-in");
    await logIn.logIn(reader.email, reader.password);

    // Assert: logged in again, on the front page.
    expect(new URL(page.url()).pathname).toBe("/");
    await expect(home.flash.textContent()).resolves.toContain(`Hi, ${reader.username}! You are logged in.`);
    await expect(page.getByText("You are logged in as").isVisible()).resolves.toBe(true);
    await expectAccessible("home (logged in)");

    // Act: from the profile, follow "New pseud" and add one.
    await home.navigateBy(home.userLink(reader.username));
    const pseudForm = await profile.startNewPseud();
    expect(new URL(page.url()).pathname).toBe(`/users/${reader.username}/pseuds/new`);
    await expect(pseudForm.heading.textContent()).resolves.toBe("New pseud");
    await expectAccessible("new pseud form");
    const pseuds = await pseudForm.addPseud("Quill Ink", "Short poems, mostly about tea.");

    // Assert: the pseuds list shows it beside the default pseud.
    expect(new URL(page.url()).pathname).toBe(`/users/${reader.username}/pseuds`);
    await expect(pseuds.flash.textContent()).resolves.toContain("Pseud Quill Ink was added.");
    await expect(pseuds.pseudNames()).resolves.toEqual(
      expect.arrayContaining([reader.username, "Quill Ink"]),
    );
    await expect(pseuds.pseudLink("Quill Ink").getAttribute("href")).resolves.toBe(
      `/users/${reader.username}/pseuds/Quill%20Ink`,
    );
    await expectAccessible("pseuds list");

    // The profile lists it too (photographed for the docs).
    await pseuds.navigateBy(pseuds.userLink(reader.username));
    await expect(profile.pseudNames()).resolves.toEqual(
      expect.arrayContaining([reader.username, "Quill Ink"]),
    );
    await expectAccessible("profile (owner, two pseuds)");
    await readmeScreenshot(page, "profile.png");

    // Act: log out.
    await profile.logOut();

    // Assert: a guest again; the profile no longer offers "New pseud".
    await expect(home.logInLink.isVisible()).resolves.toBe(true);
    await page.goto(`${quire.baseUrl}/users/${reader.username}`);
    await expect(profile.pseudNames()).resolves.toEqual(
      expect.arrayContaining([reader.username, "Quill Ink"]),
    );
    await expect(page.getByRole("link", { name: "New pseud" }).count()).resolves.toBe(0);
    await expectAccessible("profile (guest)");
    expect(problems).toEqual([]);
  });

  it("fits the sign-up page on a phone", async () => {
    // Arrange
    await context.close();
    await openContext(phone, true);

    // Act
    const signUp = await new SignUpPage(page).open(quire.baseUrl);

    // Assert: nothing wider than the screen, and still accessible.
    await expect(signUp.heading.textContent()).resolves.toBe("Create an account");
    const pageWidth = await page.evaluate<number>("document.documentElement.scrollWidth");
    expect(pageWidth).toBeLessThanOrEqual(phone.width);
    await expectAccessible("sign-up (phone)");
    await readmeScreenshot(page, "signup-phone.png");
    expect(problems).toEqual([]);
  });
});
