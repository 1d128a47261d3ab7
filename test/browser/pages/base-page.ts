// What every page of the archive shares: the header with the account navigation, the flash message,
// the main heading, and moving to the next page by a link or a form.
import type { Locator, Page } from "playwright-core";

export class QuirePage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole("heading", { level: 1 });
  }

  /** The one-time message shown after a redirect ("Pseud x was added."). */
  get flash(): Locator {
    return this.page.locator("main .flash");
  }

  get accountNav(): Locator {
    return this.page.getByRole("navigation", { name: "Account" });
  }

  /** The header link to the logged-in user's profile. */
  userLink(username: string): Locator {
    return this.accountNav.getByRole("link", { name: username, exact: true });
  }

  get logInLink(): Locator {
    return this.accountNav.getByRole("link", { name: "Log in", exact: true });
  }

  get signUpLink(): Locator {
    return this.accountNav.getByRole("link", { name: "Sign up", exact: true });
  }

  /** Presses "Log out" in the header. */
  async logOut(): Promise<void> {
    await this.navigateBy(this.accountNav.getByRole("button", { name: "Log out" }));
  }

  /** Clicks something that loads a new document (a link, or a form's submit button) and waits for it to load. */
  async navigateBy(target: Locator): Promise<void> {
    await Promise.all([this.page.waitForEvent("load"), target.click()]);
  }

  /** The form field with this label, and the message shown beside it when it was wrong. */
  field(label: string): { input: Locator; error: Locator } {
    const input = this.page.getByLabel(label, { exact: true });
    const container = this.page.locator(".field").filter({ has: input });
    return { input, error: container.locator(".field__error") };
  }
}
