// The profile (a user's pseuds and the "New pseud" link), the pseuds list, and the new pseud form.
import type { Locator } from "playwright-core";
import { QuirePage } from "./base-page.js";

export class PseudListPage extends QuirePage {
  /** The names in the list of pseuds, in order. */
  async pseudNames(): Promise<string[]> {
    const names = await this.page.locator(".pseud-list__item > a").allTextContents();
    return names.map((n) => n.trim());
  }

  pseudLink(name: string): Locator {
    return this.page.locator(".pseud-list").getByRole("link", { name, exact: true });
  }

  async startNewPseud(): Promise<PseudFormPage> {
    await this.navigateBy(this.page.getByRole("link", { name: "New pseud" }));
    return new PseudFormPage(this.page);
  }
}

export class ProfilePage extends PseudListPage {}

export class PseudsPage extends PseudListPage {}

export class PseudFormPage extends QuirePage {
  async addPseud(name: string, description = ""): Promise<PseudsPage> {
    await this.field("Name").input.fill(name);
    await this.field("Description").input.fill(description);
    await this.navigateBy(this.page.getByRole("button", { name: "Add pseud" }));
    return new PseudsPage(this.page);
  }
}
