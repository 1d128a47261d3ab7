// A reader finding works in a real browser: an author posts six works (five in one fandom, with
// different ratings, relationships and additional tags); a reader filters the fandom's works with
// the sidebar's include and exclude checkboxes (the counts follow, and the address reproduces the
// listing, even for a guest), saves those filters as their default (bare listings then use it, with
// a way out), blocks the "Angst" tag from its works page, and sees its works gone from the fandom's
// page, from its facet counts and from a full-text search, each with the "hidden by your blocklist"
// note and its link to show them once. The filtered listing, a tag's listing and a search's results
// with the blocklist note, and the advanced search page are checked with axe-core in the light and
// the dark colour scheme. With QUIRE_SCREENSHOTS=1 the filtered listing is photographed into
// docs/screenshots/.
//
// Needs Chromium at /usr/bin/chromium (`apt-get install chromium`); see harness.ts.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
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
import { AdvancedSearchPage, FilteredListingPage, readable } from "./pages/finding-pages.js";
import { SignUpPage } from "./pages/signup-page.js";
import { WorkFormPage, type WorkDetails } from "./pages/work-pages.js";

const desktop = { width: 1280, height: 800 };
const password = "correct horse battery";
const author = { username: "tidewater_author", email: "tidewater@example.com", password };
const reader = { username: "careful_reader", email: "careful@example.com", password };

const fandom = "The Tidewater Chronicles";
const otherFandom = "Skyward Saga";
const teen = "Teen And Up Audiences";
const noWarnings = ["No Archive Warnings Apply"];
/** The word only two stories' text contains, one of them tagged Angst. */
const searchWord = "cormorant";

interface SeedWork extends WorkDetails {
  fandoms: string;
  relationships?: string;
  freeforms?: string;
}

/** Posted in this order, so a listing by date updated shows them the other way round. */
const seedWorks: SeedWork[] = [
  {
    title: "Harbour Lights",
    rating: "General Audiences",
    warnings: noWarnings,
    fandoms: fandom,
    relationships: "Mara/Ines",
    freeforms: "Fluff",
    text: "The lamps along the quay came on one by one, and Mara counted them aloud for Ines.",
  },
  {
    title: "Low Tide",
    rating: teen,
    warnings: noWarnings,
    fandoms: fandom,
    relationships: "Mara/Ines",
    freeforms: "Angst",
    text: "The sea went out further than anyone could remember, and it took the boats with it.",
  },
  {
    title: "The Drowned Bell",
    rating: teen,
    warnings: noWarnings,
    fandoms: fandom,
    relationships: "Ines/Tomas",
    freeforms: "Angst, Hurt/Comfort",
    text: `A ${searchWord} stood on the sunken belfry and dried its wings while the bell rang under the water.`,
  },
  {
    title: "Salt Letters",
    rating: teen,
    warnings: noWarnings,
    fandoms: fandom,
    relationships: "Mara/Ines",
    freeforms: "Hurt/Comfort",
    text: `Every letter Ines sent smelled of salt, and one had a ${searchWord} feather folded into it.`,
  },
  {
    title: "Storm Season",
    rating: "Mature",
    warnings: ["Graphic Depictions Of Violence"],
    fandoms: fandom,
    relationships: "Ines/Tomas",
    freeforms: "Angst",
    text: "The storm took the harbour wall in the night, and Tomas went out into it alone.",
  },
  {
    title: "Above the Clouds",
    rating: teen,
    warnings: noWarnings,
    fandoms: otherFandom,
    freeforms: "Fluff",
    text: "The airship's crew had never seen the ground, and did not miss it.",
  },
];

describe.skipIf(skipBrowserTests())("finding works in Chromium", () => {
  let quire: RunningQuire;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** Console errors, uncaught page errors and failed requests seen while a test ran. */
  const problems: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    quire = await startQuire();
  });

  afterAll(async () => {
    await browser?.close();
    await quire?.close();
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
    problems.length = 0;
  });

  /** A fresh browser profile (no cookies) with one page, whose problems are collected. */
  async function openPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: desktop, locale: "en-GB" });
    contexts.push(context);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    watchForProblems(page, (problem) => problems.push(problem));
    return page;
  }

  /** Runs axe on the page in the light and the dark colour scheme; every violation is reported. */
  async function expectAccessible(page: Page, label: string): Promise<void> {
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      const violations = await axeViolations(page);
      expect
        .soft(violations, formatViolations(`${label} [${colorScheme}] ${page.url()}`, violations))
        .toEqual([]);
    }
    await page.emulateMedia({ colorScheme: "light" });
  }

  async function signUp(page: Page, who: typeof author): Promise<void> {
    const form = await new SignUpPage(page).open(quire.baseUrl);
    await form.fillIn(who);
    await form.submit();
    expect(new URL(page.url()).pathname).toBe(`/users/${who.username}`);
  }

  async function post(page: Page, work: SeedWork): Promise<void> {
    const form = await new WorkFormPage(page).open(quire.baseUrl);
    await form.fillIn(work);
    await form.tagField("Fandoms").fill(work.fandoms);
    if (work.relationships) await form.tagField("Relationships").fill(work.relationships);
    if (work.freeforms) await form.tagField("Additional tags").fill(work.freeforms);
    const reading = await form.submit("Post");
    await expect(reading.flash.textContent()).resolves.toContain("Your work was posted.");
    await expect(reading.title.textContent()).resolves.toBe(work.title);
  }

  function fandomWorksUrl(query = ""): string {
    return `${quire.baseUrl}/tags/${encodeURIComponent(fandom)}/works${query}`;
  }

  it(
    "filters a fandom's works, saves the filters as the default, and blocks a tag out of listings and search",
    { timeout: 240_000 },
    async () => {
      // Arrange: the author posts the six works, and logs out.
      const page = await openPage();
      await signUp(page, author);
      for (const work of seedWorks) await post(page, work);
      const header = new QuirePage(page);
      await header.logOut();

      // Arrange: the reader signs up and opens the fandom's works.
      await signUp(page, reader);
      const listing = await new FilteredListingPage(page).open(fandomWorksUrl());

      // Assert: every work of the fandom, newest first, with the counts of the whole fandom.
      await expect(listing.heading.textContent()).resolves.toBe(`Works in ${fandom}`);
      await expect(listing.titles()).resolves.toEqual([
        "Storm Season",
        "Salt Letters",
        "The Drowned Bell",
        "Low Tide",
        "Harbour Lights",
      ]);
      await expect(listing.countText()).resolves.toBe("5 works");
      await expect(listing.facetLabels("Include", "Ratings")).resolves.toEqual([
        "General Audiences (1)",
        "Mature (1)",
        `${teen} (3)`,
      ]);
      await expect(listing.facetLabels("Include", "Relationships")).resolves.toEqual([
        "Ines/Tomas (2)",
        "Mara/Ines (3)",
      ]);
      await expect(listing.facetLabels("Include", "Additional Tags")).resolves.toEqual([
        "Angst (3)",
        "Fluff (1)",
        "Hurt/Comfort (2)",
      ]);

      // Act: include Teen And Up Audiences, exclude Ines/Tomas, and apply.
      await listing.facetBox("Include", "Ratings", teen).check();
      await listing.openSection("Exclude");
      await listing.facetBox("Exclude", "Relationships", "Ines/Tomas").check();
      await listing.applyFilters();

      // Assert: the two Teen works without Ines/Tomas, the counts of that result, the boxes ticked.
      const expectFiltered = async (): Promise<void> => {
        await expect(listing.titles()).resolves.toEqual(["Salt Letters", "Low Tide"]);
        await expect(listing.countText()).resolves.toBe("2 works");
        await expect(listing.facetLabels("Include", "Ratings")).resolves.toEqual([`${teen} (2)`]);
        await expect(listing.facetLabels("Include", "Relationships")).resolves.toEqual(["Mara/Ines (2)"]);
        await expect(listing.facetLabels("Include", "Additional Tags")).resolves.toEqual([
          "Angst (1)",
          "Hurt/Comfort (1)",
        ]);
        await expect(listing.facetBox("Include", "Ratings", teen).isChecked()).resolves.toBe(true);
        // The excluded tag stays in the Exclude list, ticked, though no work listed has it.
        await expect(listing.facetLabels("Exclude", "Relationships")).resolves.toEqual([
          "Ines/Tomas (0)",
          "Mara/Ines (2)",
        ]);
        await expect(listing.facetBox("Exclude", "Relationships", "Ines/Tomas").isChecked()).resolves.toBe(
          true,
        );
        // Only there: not under the other types, nor typed out as another tag to exclude.
        await expect(listing.facetLabels("Exclude", "Ratings")).resolves.toEqual([`${teen} (2)`]);
        await expect(listing.page.locator('input[name="exclude_other"]').inputValue()).resolves.toBe("");
      };
      await expectFiltered();
      const filteredUrl = page.url();
      const params = new URL(filteredUrl).searchParams;
      expect(params.getAll("include")).toEqual([teen]);
      expect(params.getAll("exclude")).toEqual(["Ines/Tomas"]);
      await expectAccessible(page, "filtered tag listing (exclude open)");
      await readmeScreenshot(page, "tag-works.png", 900);

      // Assert: reloading gives the same listing, and so does the address opened by a guest.
      await page.reload();
      await expectFiltered();
      const guestPage = await openPage();
      const guestListing = await new FilteredListingPage(guestPage).open(filteredUrl);
      await expect(guestListing.titles()).resolves.toEqual(["Salt Letters", "Low Tide"]);
      await expect(guestListing.countText()).resolves.toBe("2 works");
      expect(readable(await guestListing.page.locator(".save-filter").textContent())).toBe(
        "Log in to save these filters.",
      );

      // Act: save these filters under a name, as the default.
      const filterName = "Teen, no Ines/Tomas";
      await listing.saveFilters(filterName, true);

      // Assert: back on the same listing, told so.
      await expect(listing.flash.textContent()).resolves.toBe(
        `Saved these filters as “${filterName}”. It is your default.`,
      );
      expect(new URL(page.url()).pathname).toBe(new URL(fandomWorksUrl()).pathname);
      await expect(listing.titles()).resolves.toEqual(["Salt Letters", "Low Tide"]);
      // The reader's saved filters list it, marked as the default, its filters in words.
      await page.goto(`${quire.baseUrl}/account/filters`);
      const saved = page.locator(".saved-filter").filter({ hasText: filterName });
      await expect(saved.count()).resolves.toBe(1);
      expect(readable(await saved.locator("p").first().textContent())).toBe(`${filterName} Default`);
      expect(readable(await saved.locator("p.muted").textContent())).toContain("Ines/Tomas");

      // Act: open all works, choosing no filters.
      await listing.open(`${quire.baseUrl}/works`);

      // Assert: the default filter is applied there too (the other fandom's Teen work is in), and said.
      await expect(listing.titles()).resolves.toEqual(["Above the Clouds", "Salt Letters", "Low Tide"]);
      await expect(listing.countText()).resolves.toBe("3 works");
      expect(readable(await listing.notice.textContent())).toContain(
        `Your default filter “${filterName}” is applied.`,
      );
      await expect(listing.facetBox("Include", "Ratings", teen).isChecked()).resolves.toBe(true);

      // Act: the way out of the default, for this visit.
      await listing.navigateBy(listing.notice.getByRole("link", { name: "Show this listing without it" }));

      // Assert: every work.
      expect(new URL(page.url()).searchParams.get("default")).toBe("none");
      await expect(listing.titles()).resolves.toEqual([
        "Above the Clouds",
        "Storm Season",
        "Salt Letters",
        "The Drowned Bell",
        "Low Tide",
        "Harbour Lights",
      ]);
      await expect(listing.countText()).resolves.toBe("6 works");
      await expect(listing.notice.count()).resolves.toBe(0);

      // Act: open the Angst tag's works (without the default) and block the tag there.
      await listing.open(`${quire.baseUrl}/tags/Angst/works?default=none`);
      await expect(listing.titles()).resolves.toEqual(["Storm Season", "The Drowned Bell", "Low Tide"]);
      await listing.blockThisTag();

      // Assert: told so, and back on the same listing (still without the default), now empty.
      await expect(listing.flash.textContent()).resolves.toBe(
        "Blocked “Angst”: you won't see it in listings.",
      );
      expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(
        "/tags/Angst/works?default=none",
      );
      await expect(listing.titles()).resolves.toEqual([]);
      await expect(listing.countText()).resolves.toBe(
        "No works to show. · 3 works hidden by your blocklist (show them this once)",
      );
      // The blocklist page lists the tag.
      await page.goto(`${quire.baseUrl}/account/blocklist`);
      const blockedTags = page.getByRole("region", { name: "Tags", exact: true }).getByRole("listitem");
      await expect(blockedTags.getByRole("link").allTextContents()).resolves.toEqual(["Angst"]);

      // Act: the fandom's page, as the reader opens it (with their default filter).
      await listing.open(fandomWorksUrl());

      // Assert: Low Tide (Angst) is gone, and counted as hidden.
      await expect(listing.titles()).resolves.toEqual(["Salt Letters"]);
      await expect(listing.countText()).resolves.toBe(
        "1 work · 1 work hidden by your blocklist (show them this once)",
      );
      await expect(listing.facetLabels("Include", "Additional Tags")).resolves.toEqual(["Hurt/Comfort (1)"]);

      // Act: the fandom's page without the default.
      await listing.open(fandomWorksUrl("?default=none"));

      // Assert: none of the three Angst works, nor Angst in the counts; the others are there.
      await expect(listing.titles()).resolves.toEqual(["Salt Letters", "Harbour Lights"]);
      await expect(listing.countText()).resolves.toBe(
        "2 works · 3 works hidden by your blocklist (show them this once)",
      );
      await expect(listing.facetLabels("Include", "Ratings")).resolves.toEqual([
        "General Audiences (1)",
        `${teen} (1)`,
      ]);
      await expect(listing.facetLabels("Include", "Relationships")).resolves.toEqual(["Mara/Ines (2)"]);
      await expect(listing.facetLabels("Include", "Additional Tags")).resolves.toEqual([
        "Fluff (1)",
        "Hurt/Comfort (1)",
      ]);
      const main = page.locator("main");
      await expect(main.textContent()).resolves.not.toContain("Storm Season");
      await expectAccessible(page, "tag listing with works hidden by the blocklist");

      // Act: show them this once.
      await listing.navigateBy(listing.showBlockedLink);

      // Assert: all five, said to be shown despite the blocklist...
      await expect(listing.titles()).resolves.toEqual([
        "Storm Season",
        "Salt Letters",
        "The Drowned Bell",
        "Low Tide",
        "Harbour Lights",
      ]);
      await expect(listing.countText()).resolves.toBe("5 works · Showing works your blocklist would hide.");
      // ...and only this once: the page opened again hides them again.
      await listing.open(fandomWorksUrl("?default=none"));
      await expect(listing.titles()).resolves.toEqual(["Salt Letters", "Harbour Lights"]);

      // Act: search within the fandom's results for the word in a blocked work's text.
      await listing.searchWithinResults.fill(searchWord);
      await listing.applyFilters();

      // Assert: only the unblocked match, with its excerpt, and the blocked one counted as hidden.
      await expect(listing.titles()).resolves.toEqual(["Salt Letters"]);
      await expect(listing.countText()).resolves.toBe(
        "1 work · 1 work hidden by your blocklist (show them this once)",
      );
      await expect(listing.snippets.locator("mark").allTextContents()).resolves.toEqual([searchWord]);
      await expect(main.textContent()).resolves.not.toContain("The Drowned Bell");

      // Act: the same word from the advanced search page.
      const search = await new AdvancedSearchPage(page).open(quire.baseUrl);
      await expect(search.heading.textContent()).resolves.toBe("Search works");
      await expectAccessible(page, "advanced search");
      await search.anyField.fill(searchWord);
      const results = await search.search();

      // Assert: the search of all works finds the unblocked work only, and says one is hidden.
      expect(new URL(page.url()).pathname).toBe("/works");
      expect(new URL(page.url()).searchParams.get("q")).toBe(searchWord);
      await expect(results.titles()).resolves.toEqual(["Salt Letters"]);
      await expect(results.countText()).resolves.toBe(
        "1 work · 1 work hidden by your blocklist (show them this once)",
      );
      await expect(results.notice.count()).resolves.toBe(0);
      expect(readable(await results.snippets.first().textContent())).toContain(searchWord);
      await expect(main.textContent()).resolves.not.toContain("The Drowned Bell");
      await expectAccessible(page, "search results with works hidden by the blocklist");

      // Act: show the hidden match this once.
      await results.navigateBy(results.showBlockedLink);

      // Assert: both matches, each with its excerpt.
      expect((await results.titles()).sort()).toEqual(["Salt Letters", "The Drowned Bell"]);
      await expect(results.snippets.locator("mark").allTextContents()).resolves.toEqual([
        searchWord,
        searchWord,
      ]);
      expect(problems).toEqual([]);
    },
  );
});
