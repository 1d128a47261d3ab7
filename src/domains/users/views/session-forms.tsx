// Sign up, log in, forgot password and reset password: the pages a guest sees.
import type { FieldErrors } from "../../../lib/errors.js";
import { ErrorSummary, Field, Form, NewPasswordFields, Submit } from "../../../http/views/form.js";
import type { AccountLimits } from "../user.schema.js";

interface FormProps {
  values?: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
}

export function SignUpForm(p: FormProps & { limits: AccountLimits; open: boolean }) {
  const v = p.values ?? {};
  const e = p.errors ?? {};
  if (!p.open) {
    return (
      <section class="narrow">
        <h1>Sign up</h1>
        <p>This archive is not accepting new accounts at the moment.</p>
      </section>
    );
  }
  return (
    <section class="narrow">
      <h1>Create an account</h1>
      <ErrorSummary errors={p.errors} message={p.message} />
      <Form action="/signup">
        <Field
          name="username"
          label="Username"
          value={v.username}
          error={e.username}
          autocomplete="username"
          required
          hint={`${p.limits.usernameMin}–${p.limits.usernameMax} characters: letters, digits and underscores. It also becomes your first pseud.`}
          maxLength={p.limits.usernameMax}
        />
        <Field
          name="email"
          type="email"
          label="Email address"
          value={v.email}
          error={e.email}
          autocomplete="email"
          required
          hint="We use it to send password reset links. It is never shown to other users."
        />
        <NewPasswordFields errors={e} limits={p.limits} label="Password" />
        <Field
          name="terms"
          type="checkbox"
          checked={v.terms === "on"}
          error={e.terms}
          required
          label="I have read and accept the Terms of Service"
          hint={
            <>
              Read the <a href="/terms">Terms of Service</a> first.
            </>
          }
        />
        <Submit>Create account</Submit>
      </Form>
      <p>
        Already have an account? <a href="/login">Log in</a>.
      </p>
    </section>
  );
}

export function LogInForm(p: FormProps & { returnTo?: string }) {
  const v = p.values ?? {};
  const e = p.errors ?? {};
  return (
    <section class="narrow">
      <h1>Log in</h1>
      <ErrorSummary errors={p.errors} message={p.message} />
      <Form action="/login">
        {p.returnTo && p.returnTo !== "/" && <input type="hidden" name="return_to" value={p.returnTo} />}
        <Field
          name="login"
          label="Username or email"
          value={v.login}
          error={e.login}
          autocomplete="username"
          required
        />
        <Field
          name="password"
          type="password"
          label="Password"
          error={e.password}
          autocomplete="current-password"
          required
        />
        <Field
          name="remember"
          type="checkbox"
          checked={v.remember === "on"}
          label="Remember me on this device"
        />
        <Submit>Log in</Submit>
      </Form>
      <p>
        <a href="/password/forgot">Forgot your password?</a> · <a href="/signup">Create an account</a>
      </p>
    </section>
  );
}

export function ForgotPasswordForm(p: FormProps & { sent?: boolean }) {
  const v = p.values ?? {};
  const e = p.errors ?? {};
  return (
    <section class="narrow">
      <h1>Forgot your password?</h1>
      {p.sent ? (
        <p role="status">
          If an account uses that address, we have sent it a link to choose a new password. The link works
          once and expires soon. Check your spam folder if it doesn't arrive.
        </p>
      ) : (
        <>
          <p>Enter the email address of your account and we'll send you a link to choose a new password.</p>
          <ErrorSummary errors={p.errors} message={p.message} />
          <Form action="/password/forgot">
            <Field
              name="email"
              type="email"
              label="Email address"
              value={v.email}
              error={e.email}
              autocomplete="email"
              required
            />
            <Submit>Send reset link</Submit>
          </Form>
        </>
      )}
    </section>
  );
}

export function ResetPasswordForm(p: FormProps & { token: string; limits: AccountLimits }) {
  const e = p.errors ?? {};
  return (
    <section class="narrow">
      <h1>Choose a new password</h1>
      <ErrorSummary errors={p.errors} message={p.message} />
      <Form action={`/password/reset/${p.token}`}>
        <NewPasswordFields errors={e} limits={p.limits} />
        <Submit>Change password</Submit>
      </Form>
    </section>
  );
}

export function ResetLinkInvalid(p: { message: string }) {
  return (
    <section class="narrow">
      <h1>This link can't be used</h1>
      <p>{p.message}</p>
      <p>
        <a href="/password/forgot">Ask for a new password reset link</a>
      </p>
    </section>
  );
}
