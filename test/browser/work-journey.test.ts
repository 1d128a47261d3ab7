// A writer and a guest in a real browser: the writer signs up, posts a Mature work in three chapters
// (the fandom picked from the tag suggestions with the keyboard), adds the second chapter and saves
// the third as a draft; a guest reads it through the adult content notice and cannot see the draft;
// the writer restricts the work, and a guest then gets a log-in prompt and no trace of it in the
// listing. The posting form, the work page and the notice are checked with axe-core in the light and
// the dark colour scheme; the work page must fit a phone. With QUIRE_SCREENSHOTS=1 the work page and
// the posting form are photographed into docs/screenshots/.
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
import { SignUpPage } from "./pages/signup-page.js";
import { AdultNoticePage, WorkFormPage, WorkListingPage } from "./pages/work-pages.js";

const desktop = { width: 1280, height: 800 };
const phone = { width: 375, height: 740 };

const writer = {
  username: "lantern_writer",
  email: "lantern@example.com",
  password: "correct horse battery",
};
const fandom = "The Lighthouse Keepers";
const work = {
  rating: "Mature",
  warnings: ["Graphic Depictions Of Violence"],
  title: "Salt and Signal Fires",
  summary: "Three nights, one storm, and a keeper who will not let the light go out.",
  notes: "Written for the winter exchange. Thank you to my beta!",
  expectedChapters: "3",
  chapterTitle: "The First Night",
  text: [
    "The lamp room smelled of paraffin and cold iron. Mara wound the clockwork as her mother had taught her, counting the turns under her breath, and watched the beam swing out across the black water.",
    "Somewhere past the reef, a ship was answering. Three short flashes, one long: the old signal for a vessel in trouble.",
    "“Not tonight,” she said to the glass, and went down the spiral stair for her coat.",
  ].join("\n\n"),
};
const chapter2 = {
  title: "The Second Night",
  text: "The storm came in sideways. By midnight the keeper's cottage had lost two windows and Mara had lost all patience with the sea.",
};
const chapter3 = {
  title: "The Third Night",
  text: "A draft no guest should see: the ending is not written yet, and the light is still burning.",
};

describe.skipIf(skipBrowserTests())("work journey in Chromium", () => {
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

  async function openContext(javaScriptEnabled = true): Promise<void> {
    context = await browser.newContext({ viewport: desktop, locale: "en-GB", javaScriptEnabled });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    problems = [];
    watchForProblems(page, (problem) => problems.push(problem));
  }

  beforeEach(async () => {
    await openContext();
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

  /** Takes out of `problems` the error responses a step expects (a 404 or 401 for a guest). */
  function expectProblem(status: number, path: string): void {
    const expected = `${status} for GET ${quire.baseUrl}${path}`;
    expect(problems).toContain(expected);
    problems = problems.filter((p) => p !== expected);
  }

  function pathOf(url: string): string {
    return new URL(url).pathname;
  }

  it(
    "posts a three-chapter work with a draft chapter, shows it to a guest through the adult notice, then restricts it",
    { timeout: 180_000 },
    async () => {
      // Arrange: the writer signs up, and posts a first work so the fandom exists as a tag.
      const signUp = await new SignUpPage(page).open(quire.baseUrl);
      await signUp.fillIn(writer);
      await signUp.submit();
      expect(pathOf(page.url())).toBe(`/users/${writer.username}`);
      const earlier = await new WorkFormPage(page).open(quire.baseUrl);
      await earlier.fillIn({
        rating: "General Audiences",
        warnings: ["No Archive Warnings Apply"],
        title: "Keeper's Log",
        text: "A short, quiet piece about trimming wicks and writing down the weather.",
      });
      await earlier.tagField("Fandoms").fill(fandom);
      await earlier.tagField("Characters").fill("Mara Quill");
      await earlier.tagField("Additional tags").fill("Lighthouses");
      await earlier.submit("Post");
      await expect(earlier.flash.textContent()).resolves.toContain("Your work was posted.");

      // Act: open the posting form from the header and fill it in.
      const home = new QuirePage(page);
      await home.navigateBy(home.accountNav.getByRole("link", { name: "Post new work" }));
      const form = new WorkFormPage(page);
      await expect(form.heading.textContent()).resolves.toBe("Post new work");
      await form.fillIn(work);

      // The fandom: type part of a name after an earlier one, and pick the suggestion with the keyboard.
      const fandoms = form.tagField("Fandoms");
      await expect(fandoms.getAttribute("aria-expanded")).resolves.toBe("false");
      await form.typeInTagField("Fandoms", "Original Work, light");
      const suggestions = form.suggestions("Fandoms");
      await suggestions.list.waitFor();
      await expect(fandoms.getAttribute("aria-expanded")).resolves.toBe("true");
      await expect(fandoms.getAttribute("aria-controls")).resolves.toBe(
        await suggestions.list.getAttribute("id"),
      );
      await expect(suggestions.options.allTextContents()).resolves.toEqual([fandom]);
      // Escape closes the list without touching what was typed; Down opens it again on the first name.
      await fandoms.press("Escape");
      await expect(fandoms.getAttribute("aria-expanded")).resolves.toBe("false");
      await expect(suggestions.list.count()).resolves.toBe(0);
      await expect(fandoms.inputValue()).resolves.toBe("Original Work, light");
      await fandoms.press("ArrowDown");
      await expect(fandoms.getAttribute("aria-expanded")).resolves.toBe("true");
      const option = suggestions.options.first();
      await expect(option.getAttribute("aria-selected")).resolves.toBe("true");
      await expect(fandoms.getAttribute("aria-activedescendant")).resolves.toBe(
        await option.getAttribute("id"),
      );
      await expectAccessible("posting form (suggestions open)");
      await readmeScreenshot(page, "post-work.png", 920);
      await fandoms.press("Enter");

      // Assert: only the last name was replaced, and the list closed without submitting the form.
      await expect(fandoms.inputValue()).resolves.toBe(`Original Work, ${fandom}, `);
      await expect(fandoms.getAttribute("aria-expanded")).resolves.toBe("false");
      await expect(fandoms.getAttribute("aria-activedescendant")).resolves.toBeNull();
      await expect(suggestions.list.count()).resolves.toBe(0);
      expect(pathOf(page.url())).toBe("/works/new");

      // Tab picks the active suggestion too (and moves on); a click picks one as well.
      const characters = form.tagField("Characters");
      await form.typeInTagField("Characters", "quil");
      await form.suggestions("Characters").list.waitFor();
      await characters.press("ArrowDown");
      await characters.press("Tab");
      await expect(characters.inputValue()).resolves.toBe("Mara Quill, ");
      await expect(characters.evaluate((el) => el === document.activeElement)).resolves.toBe(false);
      await form.typeInTagField("Additional tags", "Storms, light");
      const freeforms = form.suggestions("Additional tags");
      await freeforms.list.waitFor();
      await freeforms.options.getByText("Lighthouses", { exact: true }).click();
      await expect(form.tagField("Additional tags").inputValue()).resolves.toBe("Storms, Lighthouses, ");
      await expect(freeforms.list.count()).resolves.toBe(0);
      await expectAccessible("posting form");

      // Act: post it.
      let reading = await form.submit("Post");

      // Assert: the work page, chapter 1 of 3.
      expect(pathOf(page.url())).toMatch(/^\/works\/[^/]+$/);
      const workPath = pathOf(page.url());
      await expect(reading.flash.textContent()).resolves.toContain("Your work was posted.");
      await expect(reading.title.textContent()).resolves.toBe(work.title);
      await expect(reading.tags("Fandom")).resolves.toEqual(["Original Work", fandom]);
      await expect(reading.tags("Rating")).resolves.toEqual(["Mature"]);
      await expect(reading.tags("Archive Warning")).resolves.toEqual(work.warnings);
      await expect(reading.tags("Character")).resolves.toEqual(["Mara Quill"]);
      await expect(reading.tags("Additional Tag")).resolves.toEqual(["Storms", "Lighthouses"]);
      await expect(reading.stat("Chapters").textContent()).resolves.toBe("1/3");

      // Act: add chapter 2 and post it.
      let chapterForm = await reading.startNewChapter();
      await expect(chapterForm.heading.textContent()).resolves.toBe(`New chapter 2 of ${work.title}`);
      await chapterForm.fillIn(chapter2);
      reading = await chapterForm.submit("Post");
      await expect(reading.flash.textContent()).resolves.toContain("Your chapter was posted.");
      await expect(reading.chapterHeadings.allTextContents()).resolves.toEqual([
        `Chapter 2: ${chapter2.title}`,
      ]);

      // Act: add chapter 3 and save it as a draft.
      chapterForm = await reading.startNewChapter();
      await expect(chapterForm.heading.textContent()).resolves.toBe(`New chapter 3 of ${work.title}`);
      await chapterForm.fillIn(chapter3);
      reading = await chapterForm.submit("Save as draft");
      await expect(reading.flash.textContent()).resolves.toContain("Your chapter was saved as a draft.");
      const draftChapterPath = pathOf(page.url());

      // Assert: two of three chapters are posted.
      await page.goto(`${quire.baseUrl}${workPath}`);
      await expect(reading.stat("Chapters").textContent()).resolves.toBe("2/3");
      await expect(reading.chapterHeadings.allTextContents()).resolves.toEqual([
        `Chapter 1: ${work.chapterTitle}`,
      ]);
      await expectAccessible("work page (creator)");

      // Act: log out, and open the work as a guest.
      await reading.logOut();
      await page.goto(`${quire.baseUrl}${workPath}`);

      // Assert: the adult content notice comes first.
      const notice = new AdultNoticePage(page);
      await expect(notice.heading.textContent()).resolves.toBe("This work could have adult content");
      await expect(page.locator("main").textContent()).resolves.not.toContain(work.text.slice(0, 40));
      await expectAccessible("adult content notice");

      // Act: proceed.
      reading = await notice.proceed();

      // Assert: chapter 1, with the preface; two chapters to read, the draft nowhere.
      await expect(reading.title.textContent()).resolves.toBe(work.title);
      await expect(reading.chapterHeadings.allTextContents()).resolves.toEqual([
        `Chapter 1: ${work.chapterTitle}`,
      ]);
      await expect(reading.chapterText.textContent()).resolves.toContain("The lamp room smelled of paraffin");
      await expect(reading.stat("Chapters").textContent()).resolves.toBe("2/3");
      await expect(reading.workActions.count()).resolves.toBe(0);
      await expectAccessible("work page (guest, chapter 1)");
      await readmeScreenshot(page, "work.png");

      // Act: on to chapter 2.
      await reading.nextChapter();

      // Assert: chapter 2 is the last one a guest can read.
      await expect(reading.chapterHeadings.allTextContents()).resolves.toEqual([
        `Chapter 2: ${chapter2.title}`,
      ]);
      await expect(reading.chapterText.textContent()).resolves.toContain("The storm came in sideways.");
      await expect(reading.nextChapterLink.count()).resolves.toBe(0);
      await expect(page.content()).resolves.not.toContain(chapter3.title);
      await page.goto(`${quire.baseUrl}${workPath}?view_full_work=true`);
      await expect(reading.chapterHeadings.allTextContents()).resolves.toEqual([
        `Chapter 1: ${work.chapterTitle}`,
        `Chapter 2: ${chapter2.title}`,
      ]);
      await expect(page.content()).resolves.not.toContain(chapter3.text);
      await page.goto(`${quire.baseUrl}${draftChapterPath}`);
      expectProblem(404, draftChapterPath);
      await expect(page.content()).resolves.not.toContain(chapter3.text);

      // Assert: at phone width the work page has no horizontal scroll.
      await page.setViewportSize(phone);
      await page.goto(`${quire.baseUrl}${workPath}`);
      await expect(reading.title.textContent()).resolves.toBe(work.title);
      const pageWidth = await page.evaluate<number>("document.documentElement.scrollWidth");
      expect(pageWidth).toBeLessThanOrEqual(phone.width);
      await expectAccessible("work page (guest, phone)");
      await page.setViewportSize(desktop);

      // Act: the writer logs back in and restricts the work.
      const logIn = await new LogInPage(page).open(quire.baseUrl);
      await logIn.logIn(writer.username, writer.password);
      await page.goto(`${quire.baseUrl}${workPath}`);
      const edit = await reading.startEditing();
      await expect(edit.heading.textContent()).resolves.toBe(`Edit ${work.title}`);
      await edit.checkbox("Only show this work to logged-in users").check();
      reading = await edit.submit("Update");
      await expect(reading.flash.textContent()).resolves.toContain("Your work was updated.");
      await reading.logOut();

      // Assert: a guest gets a log-in prompt, without the title...
      await page.goto(`${quire.baseUrl}${workPath}`);
      expectProblem(401, workPath);
      await expect(reading.heading.textContent()).resolves.toBe("Please log in");
      await expect(page.getByRole("link", { name: "Log in", exact: true }).first().isVisible()).resolves.toBe(
        true,
      );
      await expect(page.content()).resolves.not.toContain(work.title);
      // ...and the writer's works page lists only the other work.
      const listing = await new WorkListingPage(page).open(`${quire.baseUrl}/users/${writer.username}/works`);
      await expect(listing.titles()).resolves.toEqual(["Keeper's Log"]);
      await expect(page.content()).resolves.not.toContain(work.title);
      await expectAccessible("works listing (guest)");
      expect(problems).toEqual([]);
    },
  );

  it("keeps a tag field working when its suggestions can't be fetched", async () => {
    // Arrange: a writer on the posting form, with the suggestions service failing.
    const signUp = await new SignUpPage(page).open(quire.baseUrl);
    await signUp.fillIn({
      username: "offline_writer",
      email: "offline@example.com",
      password: writer.password,
    });
    await signUp.submit();
    const form = await new WorkFormPage(page).open(quire.baseUrl);
    let requests = 0;
    await page.route("**/tags/autocomplete?**", async (route) => {
      requests += 1;
      if (requests === 1) await route.abort("failed");
      else await route.fulfill({ status: 500, contentType: "text/html", body: "<p>Oops</p>" });
    });

    // Act: type a fandom (the request fails), then more of it (the server answers 500).
    await form.typeInTagField("Fandoms", "Light");
    await page.waitForTimeout(500);
    await form.typeInTagField("Fandoms", "house Keepers");
    await page.waitForTimeout(500);

    // Assert: no list, nothing thrown, the text as typed, and the form still posts.
    expect(requests).toBeGreaterThanOrEqual(2);
    problems = problems.filter((p) => !p.startsWith("500 for GET") || !p.includes("/tags/autocomplete"));
    const fandoms = form.tagField("Fandoms");
    await expect(fandoms.getAttribute("aria-expanded")).resolves.toBe("false");
    await expect(fandoms.inputValue()).resolves.toBe("Lighthouse Keepers");
    await form.fillIn({
      rating: "General Audiences",
      warnings: ["No Archive Warnings Apply"],
      title: "Written Offline",
      text: "The suggestions never came, and the story was posted all the same.",
    });
    const reading = await form.submit("Post");
    await expect(reading.flash.textContent()).resolves.toContain("Your work was posted.");
    await expect(reading.tags("Fandom")).resolves.toEqual(["Lighthouse Keepers"]);
    expect(problems).toEqual([]);
  });

  it("posts and reads a work with JavaScript turned off", async () => {
    // Arrange: a browser that runs no scripts.
    await context.close();
    await openContext(false);
    const signUp = await new SignUpPage(page).open(quire.baseUrl);
    await signUp.fillIn({ username: "plain_reader", email: "plain@example.com", password: writer.password });
    await signUp.submit();

    // Act: post a work; the tag field is a plain text field.
    const form = await new WorkFormPage(page).open(quire.baseUrl);
    await expect(page.locator("input[role=combobox]").count()).resolves.toBe(0);
    await page.getByLabel("Fandoms", { exact: true }).fill("Plain Text Fandom, Another One");
    await form.fillIn({
      rating: "Teen And Up Audiences",
      warnings: ["No Archive Warnings Apply"],
      title: "No Scripts Needed",
      expectedChapters: "?",
      text: "Every page of the archive works without JavaScript.\n\nEven this one.",
    });
    const reading = await form.submit("Post");

    // Assert: the work reads as it should, and the text size control still works (by links).
    await expect(reading.title.textContent()).resolves.toBe("No Scripts Needed");
    await expect(reading.tags("Fandom")).resolves.toEqual(["Plain Text Fandom", "Another One"]);
    await expect(reading.stat("Chapters").textContent()).resolves.toBe("1/?");
    const text = page.locator(".chapter__text");
    const before = await text.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    await reading.navigateBy(
      page.getByRole("navigation", { name: "Text size" }).getByRole("link", { name: "Larger" }),
    );
    const after = await text.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(after).toBeGreaterThan(before);
    expect(problems).toEqual([]);
  });
});
