// Finding works in the browser: a works listing with its filter sidebar (facet checkboxes with
// their counts, "Sort and filter", "Search within results"), the result count with the blocklist
// note, "Save these filters" and "Block this tag" beside it; and the advanced search form.
import type { Locator } from "playwright-core";
import { QuirePage } from "./base-page.js";

/** Text as a reader reads it: runs of spaces and line breaks as one space, no space at the ends. */
export function readable(text: string | null): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Any works listing with the filter sidebar: all works, a tag's, a user's, a search's results. */
export class FilteredListingPage extends QuirePage {
  async open(url: string): Promise<this> {
    await this.page.goto(url);
    return this;
  }

  /** The titles of the works listed, in order. */
  async titles(): Promise<string[]> {
    const titles = await this.page.locator(".blurb__title > a").allTextContents();
    return titles.map((t) => t.trim());
  }

  /** The line under the heading: "2 works · 3 works hidden by your blocklist (show them this once)". */
  get count(): Locator {
    return this.page.locator(".listing-count");
  }

  async countText(): Promise<string> {
    return readable(await this.count.textContent());
  }

  /** The box of notes above the count ("Your default filter … is applied."). */
  get notice(): Locator {
    return this.page.locator("main .notice");
  }

  /** The link in the count line that shows, this once, what the blocklist hides. */
  get showBlockedLink(): Locator {
    return this.count.getByRole("link", { name: "show them this once" });
  }

  /** The excerpts around the matched words, one per listed work that has one. */
  get snippets(): Locator {
    return this.page.locator(".blurb__snippet");
  }

  get sidebar(): Locator {
    return this.page.getByRole("form", { name: "Sort and filter" });
  }

  /** The "Include" or "Exclude" part of the sidebar (a disclosure). */
  section(mode: "Include" | "Exclude"): Locator {
    return this.sidebar
      .locator("details")
      .filter({ has: this.page.locator("summary", { hasText: new RegExp(`^${mode}$`) }) });
  }

  /** Opens the "Include" or "Exclude" part of the sidebar if it is closed. */
  async openSection(mode: "Include" | "Exclude"): Promise<void> {
    const details = this.section(mode);
    if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
  }

  /** The checkboxes of one tag type in the Include or Exclude part ("Ratings", "Additional Tags"). */
  facet(mode: "Include" | "Exclude", group: string): Locator {
    return this.section(mode).getByRole("group", { name: group, exact: true });
  }

  /** The facet's choices as the reader reads them, "Teen And Up Audiences (3)", sorted by name. */
  async facetLabels(mode: "Include" | "Exclude", group: string): Promise<string[]> {
    const labels = await this.facet(mode, group).locator("label").allTextContents();
    return labels.map(readable).sort();
  }

  /** The checkbox for one tag, whatever its count. */
  facetBox(mode: "Include" | "Exclude", group: string, tag: string): Locator {
    return this.facet(mode, group).getByRole("checkbox", {
      name: new RegExp(`^${escapeRegExp(tag)} \\(\\d+\\)$`),
    });
  }

  get searchWithinResults(): Locator {
    return this.sidebar.getByRole("searchbox", { name: "Search within results" });
  }

  /** Presses "Sort and filter" at the end of the sidebar. */
  async applyFilters(): Promise<void> {
    await this.navigateBy(this.sidebar.getByRole("button", { name: "Sort and filter" }));
  }

  /** The "Save these filters" form under the sidebar. */
  get saveFiltersForm(): Locator {
    return this.page.locator("form.save-filter");
  }

  async saveFilters(name: string, asDefault: boolean): Promise<void> {
    const form = this.saveFiltersForm;
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("Make this my default", { exact: true }).setChecked(asDefault);
    await this.navigateBy(form.getByRole("button", { name: "Save", exact: true }));
  }

  /** The "Block this tag" button under a tag's works heading (not the blurbs' own Block buttons). */
  get blockTagButton(): Locator {
    return this.page.locator(".listing-actions").getByRole("button", { name: /^Block this tag\b/ });
  }

  async blockThisTag(): Promise<void> {
    await this.navigateBy(this.blockTagButton);
  }
}

/** The advanced search form (/works/search); sent, it becomes the listing of all works. */
export class AdvancedSearchPage extends QuirePage {
  async open(baseUrl: string): Promise<this> {
    await this.page.goto(`${baseUrl}/works/search`);
    return this;
  }

  get anyField(): Locator {
    return this.page.getByRole("searchbox", { name: "Any field" });
  }

  async search(): Promise<FilteredListingPage> {
    await this.navigateBy(this.page.getByRole("button", { name: "Search", exact: true }));
    return new FilteredListingPage(this.page);
  }
}
