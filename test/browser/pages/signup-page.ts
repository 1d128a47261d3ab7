import { QuirePage } from "./base-page.js";

export interface SignUpDetails {
  username: string;
  email: string;
  password: string;
  confirmation?: string;
  acceptTerms?: boolean;
}

export class SignUpPage extends QuirePage {
  async open(baseUrl: string): Promise<this> {
    await this.page.goto(`${baseUrl}/signup`);
    return this;
  }

  get username() {
    return this.field("Username");
  }
  get email() {
    return this.field("Email address");
  }
  get password() {
    return this.field("Password");
  }
  get confirmation() {
    return this.field("Confirm password");
  }
  get terms() {
    return this.field("I have read and accept the Terms of Service");
  }

  /** The box at the top listing every problem, each linking to its field. */
  get errorSummary() {
    return this.page.getByRole("alert");
  }

  async fillIn(d: SignUpDetails): Promise<void> {
    await this.username.input.fill(d.username);
    await this.email.input.fill(d.email);
    await this.password.input.fill(d.password);
    await this.confirmation.input.fill(d.confirmation ?? d.password);
    await this.terms.input.setChecked(d.acceptTerms ?? true);
  }

  async submit(): Promise<void> {
    await this.navigateBy(this.page.getByRole("button", { name: "Create account" }));
  }
}
