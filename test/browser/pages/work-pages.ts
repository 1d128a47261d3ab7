// Works in the browser: the posting and edit forms (with the tag suggestions), a work or chapter as
// a reader sees it, the chapter form, the adult content notice, and a listing of works as blurbs.
import type { Locator } from "playwright-core";
import { QuirePage } from "./base-page.js";

export interface WorkDetails {
  rating: string;
  warnings: string[];
  title: string;
  summary?: string;
  notes?: string;
  expectedChapters?: string;
  chapterTitle?: string;
  text: string;
}

/** The posting form (/works/new) and the edit form (/works/:id/edit). */
export class WorkFormPage extends QuirePage {
  async open(baseUrl: string): Promise<this> {
    await this.page.goto(`${baseUrl}/works/new`);
    return this;
  }

  /** A tag field as the script makes it: a combobox named by its label ("Fandoms"). */
  tagField(label: string): Locator {
    return this.page.getByRole("combobox", { name: label, exact: true });
  }

  /** The open list of suggestions for a tag field ("Fandoms suggestions"), and its options. */
  suggestions(label: string): { list: Locator; options: Locator } {
    const list = this.page.getByRole("listbox", { name: `${label} suggestions`, exact: true });
    return { list, options: list.getByRole("option") };
  }

  /** Types into a tag field key by key, as a person would, so the suggestions script sees it. */
  async typeInTagField(label: string, text: string): Promise<void> {
    const field = this.tagField(label);
    await field.click();
    await field.press("End");
    await field.pressSequentially(text, { delay: 20 });
  }

  checkbox(label: string): Locator {
    return this.page.getByRole("checkbox", { name: label, exact: true });
  }

  async fillIn(d: WorkDetails): Promise<void> {
    await this.field("Rating").input.selectOption({ label: d.rating });
    for (const warning of d.warnings) await this.checkbox(warning).check();
    await this.field("Title").input.fill(d.title);
    if (d.summary !== undefined) await this.field("Summary").input.fill(d.summary);
    if (d.notes !== undefined) await this.field("Notes at the beginning").input.fill(d.notes);
    if (d.expectedChapters !== undefined) {
      await this.field("Expected number of chapters").input.fill(d.expectedChapters);
    }
    if (d.chapterTitle !== undefined) await this.field("First chapter title").input.fill(d.chapterTitle);
    await this.field("Work text").input.fill(d.text);
  }

  /** Presses one of the buttons at the end of the form: "Post", "Save as draft", "Update"… */
  async submit(button: string): Promise<WorkReadingPage> {
    await this.navigateBy(this.page.getByRole("button", { name: button, exact: true }));
    return new WorkReadingPage(this.page);
  }
}

/** A work page, a chapter page or the entire-work view, as its reader (or its creator) sees it. */
export class WorkReadingPage extends QuirePage {
  get title(): Locator {
    return this.page.locator(".work__title");
  }

  /** The "Chapter N: Title" headings of the chapters shown. */
  get chapterHeadings(): Locator {
    return this.page.locator(".chapter__title > a:first-child");
  }

  get chapterText(): Locator {
    return this.page.locator(".chapter__text");
  }

  /** The value of one of the stats (Words, Chapters, Hits…). */
  stat(name: string): Locator {
    return this.page
      .locator(".preface .stats > div")
      .filter({ has: this.page.locator("dt", { hasText: `${name}:` }) })
      .locator("dd");
  }

  /** The names of the tags of one type in the preface ("Fandom", "Archive Warning"…). */
  async tags(group: string): Promise<string[]> {
    const names = await this.page
      .locator(".work-meta__group")
      .filter({ has: this.page.locator("dt", { hasText: new RegExp(`^${group}s?:$`) }) })
      .locator(".tag")
      .allTextContents();
    return names.map((n) => n.trim());
  }

  /** The chapter navigation above the text. */
  get chapterNav(): Locator {
    return this.page.getByRole("navigation", { name: "Chapters", exact: true });
  }

  get nextChapterLink(): Locator {
    return this.chapterNav.getByRole("link", { name: "Next chapter →" });
  }

  get workActions(): Locator {
    return this.page.getByRole("list", { name: "Work actions" });
  }

  async startNewChapter(): Promise<ChapterFormPage> {
    await this.navigateBy(this.workActions.getByRole("link", { name: "Add chapter" }));
    return new ChapterFormPage(this.page);
  }

  async startEditing(): Promise<WorkFormPage> {
    await this.navigateBy(this.workActions.getByRole("link", { name: "Edit", exact: true }));
    return new WorkFormPage(this.page);
  }

  async nextChapter(): Promise<void> {
    await this.navigateBy(this.nextChapterLink);
  }
}

export interface ChapterDetails {
  title?: string;
  text: string;
}

export class ChapterFormPage extends QuirePage {
  async fillIn(d: ChapterDetails): Promise<void> {
    if (d.title !== undefined) await this.field("Chapter title").input.fill(d.title);
    await this.field("Chapter text").input.fill(d.text);
  }

  async submit(button: "Post" | "Save as draft"): Promise<WorkReadingPage> {
    await this.navigateBy(this.page.getByRole("button", { name: button, exact: true }));
    return new WorkReadingPage(this.page);
  }
}

/** The page guests (and users who haven't opted in) see before a Mature, Explicit or Not Rated work. */
export class AdultNoticePage extends QuirePage {
  async proceed(): Promise<WorkReadingPage> {
    await this.navigateBy(this.page.getByRole("link", { name: "Proceed", exact: true }));
    return new WorkReadingPage(this.page);
  }
}

/** A user's, pseud's or tag's works, as blurbs. */
export class WorkListingPage extends QuirePage {
  async open(url: string): Promise<this> {
    await this.page.goto(url);
    return this;
  }

  async titles(): Promise<string[]> {
    const titles = await this.page.locator(".blurb__title > a").allTextContents();
    return titles.map((t) => t.trim());
  }
}
