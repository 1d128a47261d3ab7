// The account area: overview, change password, change email, delete account.
import type { FieldErrors } from "../../../lib/errors.js";
import { ErrorSummary, Field, Form, NewPasswordFields, Submit } from "../../../http/views/form.js";
import type { User } from "../user.js";
import type { AccountLimits } from "../user.schema.js";

interface FormProps {
  values?: Record<string, string>;
  errors?: FieldErrors;
}

export function AccountPage(p: { user: User }) {
  const profile = `/users/${encodeURIComponent(p.user.username)}`;
  return (
    <section>
      <h1>Your account</h1>
      <dl class="facts">
        <dt>Username</dt>
        <dd>{p.user.username}</dd>
        <dt>Email</dt>
        <dd>{p.user.email}</dd>
        <dt>Joined</dt>
        <dd>{p.user.createdAt.slice(0, 10)}</dd>
      </dl>
      <ul class="link-list">
        <li>
          <a href={profile}>Your profile</a>
        </li>
        <li>
          <a href={`${profile}/pseuds`}>Your pseuds</a>
        </li>
        <li>
          <a href="/account/password">Change password</a>
        </li>
        <li>
          <a href="/account/email">Change email address</a>
        </li>
        <li>
          <a href="/account/filters">Saved filters</a>
        </li>
        <li>
          <a href="/account/blocklist">Your blocklist</a>
        </li>
        <li>
          <a href="/account/tokens">API tokens</a>
        </li>
        <li>
          <a href="/account/delete">Delete your account</a>
        </li>
      </ul>
    </section>
  );
}

export function ChangePasswordForm(p: FormProps & { limits: AccountLimits }) {
  const e = p.errors ?? {};
  return (
    <section class="narrow">
      <h1>Change password</h1>
      <ErrorSummary errors={p.errors} />
      <Form action="/account/password">
        <Field
          name="current_password"
          type="password"
          label="Current password"
          error={e.current_password}
          autocomplete="current-password"
          required
        />
        <NewPasswordFields
          errors={e}
          limits={p.limits}
          note="You stay logged in here; other devices are logged out."
        />
        <Submit>Change password</Submit>
      </Form>
    </section>
  );
}

export function ChangeEmailForm(p: FormProps & { current: string }) {
  const v = p.values ?? {};
  const e = p.errors ?? {};
  return (
    <section class="narrow">
      <h1>Change email address</h1>
      <p>
        Your address now is <strong>{p.current}</strong>. We'll tell it about the change.
      </p>
      <ErrorSummary errors={p.errors} />
      <Form action="/account/email">
        <Field
          name="email"
          type="email"
          label="New email address"
          value={v.email}
          error={e.email}
          autocomplete="email"
          required
        />
        <Field
          name="current_password"
          type="password"
          label="Your password"
          error={e.current_password}
          autocomplete="current-password"
          required
        />
        <Submit>Change email</Submit>
      </Form>
    </section>
  );
}

export function DeleteAccountForm(p: FormProps) {
  const e = p.errors ?? {};
  return (
    <section class="narrow">
      <h1>Delete your account</h1>
      <div class="warning-box">
        <p>Deleting your account is permanent and can't be undone. It removes:</p>
        <ul>
          <li>your account, your email address and your log-in sessions;</li>
          <li>all of your pseuds and your profile;</li>
          <li>your API tokens;</li>
          <li>
            works credited only to your pseuds. Works you created together with other people stay on the
            archive, credited to their remaining creators. To keep a work on the archive without your name,
            orphan it before you delete your account.
          </li>
        </ul>
      </div>
      <ErrorSummary errors={p.errors} />
      <Form action="/account/delete">
        <Field
          name="current_password"
          type="password"
          label="Your password"
          error={e.current_password}
          autocomplete="current-password"
          required
        />
        <Submit kind="danger">Delete my account</Submit>
      </Form>
      <p>
        <a href="/account">Cancel</a>
      </p>
    </section>
  );
}
