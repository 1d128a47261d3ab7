// The inputs about accounts, declared once for the forms and the API. Limits come from the config
// table, so each schema is built from the running configuration.
import { z } from "zod";
import type { Config } from "../../config/config.js";

export type AccountLimits = Pick<
  Config,
  "usernameMin" | "usernameMax" | "passwordMin" | "passwordMax" | "emailMax"
>;

const checkbox = z
  .union([z.literal("on"), z.literal("1"), z.literal("true"), z.literal(true)])
  .optional()
  .transform((v) => v !== undefined);

export function usernameField(l: AccountLimits) {
  return z
    .string({ error: "Enter a username." })
    .trim()
    .min(l.usernameMin, `Your username must be at least ${l.usernameMin} characters long.`)
    .max(l.usernameMax, `Your username must be at most ${l.usernameMax} characters long.`)
    .regex(/^[A-Za-z0-9_]+$/, "Use only letters, digits and underscores in your username.");
}

export function emailField(l: AccountLimits) {
  return z
    .string({ error: "Enter your email address." })
    .trim()
    .min(1, "Enter your email address.")
    .max(l.emailMax, `Your email address must be at most ${l.emailMax} characters long.`)
    .pipe(z.email("Enter a valid email address, like name@example.com."));
}

export function passwordField(l: AccountLimits, what = "Your password") {
  return z
    .string({ error: "Enter a password." })
    .min(l.passwordMin, `${what} must be at least ${l.passwordMin} characters long.`)
    .max(l.passwordMax, `${what} must be at most ${l.passwordMax} characters long.`);
}

const confirmMismatch = "The passwords you entered don't match.";

/** The sign-up form. */
export function signUpSchema(l: AccountLimits) {
  return z
    .object({
      username: usernameField(l),
      email: emailField(l),
      password: passwordField(l),
      password_confirmation: z.string().default(""),
      terms: checkbox.refine((v) => v, "You need to accept the Terms of Service to sign up."),
    })
    .refine((v) => v.password === v.password_confirmation, {
      path: ["password_confirmation"],
      message: confirmMismatch,
    });
}
export type SignUpInput = z.output<ReturnType<typeof signUpSchema>>;

/** The log-in form: a username or an email address, and a password. */
export const logInSchema = z.object({
  login: z.string().trim().min(1, "Enter your username or email address.").max(1000),
  password: z.string().min(1, "Enter your password.").max(1000),
  remember: checkbox,
});
export type LogInInput = z.output<typeof logInSchema>;

/** Changing the password needs the current one. */
export function changePasswordSchema(l: AccountLimits) {
  return z
    .object({
      current_password: z.string().min(1, "Enter your current password.").max(1000),
      password: passwordField(l, "Your new password"),
      password_confirmation: z.string().default(""),
    })
    .refine((v) => v.password === v.password_confirmation, {
      path: ["password_confirmation"],
      message: confirmMismatch,
    });
}

/** Changing the email address needs the password. */
export function changeEmailSchema(l: AccountLimits) {
  return z.object({
    email: emailField(l),
    current_password: z.string().min(1, "Enter your password.").max(1000),
  });
}

/** Asking for a reset link. */
export function forgotPasswordSchema(l: AccountLimits) {
  return z.object({ email: emailField(l) });
}

/** Choosing a new password from a reset link. */
export function resetPasswordSchema(l: AccountLimits) {
  return z
    .object({
      password: passwordField(l, "Your new password"),
      password_confirmation: z.string().default(""),
    })
    .refine((v) => v.password === v.password_confirmation, {
      path: ["password_confirmation"],
      message: confirmMismatch,
    });
}

/** Deleting the account needs the password. */
export const deleteAccountSchema = z.object({
  current_password: z.string().min(1, "Enter your password to delete your account.").max(1000),
});

/** The current user, as the API shows them. */
export const userResponse = z.object({
  id: z.string(),
  username: z.string(),
  email: z.string(),
  is_admin: z.boolean(),
  created_at: z.string(),
  default_pseud: z.string(),
  url: z.string(),
});
