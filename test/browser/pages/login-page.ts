import { QuirePage } from "./base-page.js";

export class LogInPage extends QuirePage {
  async open(baseUrl: string): Promise<this> {
    await this.page.goto(`${baseUrl}/login`);
    return this;
  }

  async logIn(login: string, password: string): Promise<void> {
    await this.field("Username or email").input.fill(login);
    await this.field("Password").input.fill(password);
    await this.navigateBy(this.page.getByRole("button", { name: "Log in" }));
  }
}
