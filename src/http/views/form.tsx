// Form pieces: a form that carries the CSRF token, labelled fields with their message beside them,
// and a summary of errors at the top that links to each field.
import type { ComponentChildren } from "preact";
import type { FieldErrors } from "../../lib/errors.js";
import { usePage } from "./page-context.js";

export function Form(props: { action: string; class?: string; children: ComponentChildren; id?: string }) {
  const { csrfToken } = usePage();
  return (
    <form method="post" action={props.action} class={props.class} id={props.id} novalidate>
      <input type="hidden" name="_csrf" value={csrfToken} />
      {props.children}
    </form>
  );
}

export interface FieldProps {
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "checkbox" | "textarea";
  value?: string | undefined;
  checked?: boolean;
  error?: string | undefined;
  hint?: ComponentChildren;
  autocomplete?: string;
  required?: boolean;
  maxLength?: number;
}

export function Field(p: FieldProps) {
  const id = `field-${p.name}`;
  const described =
    [p.hint ? `${id}-hint` : "", p.error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name: p.name,
    "aria-invalid": p.error ? ("true" as const) : undefined,
    "aria-describedby": described,
    required: p.required,
  };
  const hint = p.hint && (
    <p class="field__hint" id={`${id}-hint`}>
      {p.hint}
    </p>
  );
  const error = p.error && (
    <p class="field__error" id={`${id}-error`}>
      {p.error}
    </p>
  );
  if (p.type === "checkbox") {
    return (
      <div class={`field field--checkbox${p.error ? " field--invalid" : ""}`}>
        <input type="checkbox" value="on" checked={p.checked} {...common} />
        <label for={id}>{p.label}</label>
        {hint}
        {error}
      </div>
    );
  }
  return (
    <div class={`field${p.error ? " field--invalid" : ""}`}>
      <label for={id}>{p.label}</label>
      {hint}
      {error}
      {p.type === "textarea" ? (
        <textarea rows={5} maxLength={p.maxLength} {...common}>
          {p.value ?? ""}
        </textarea>
      ) : (
        <input
          type={p.type ?? "text"}
          value={p.type === "password" ? undefined : (p.value ?? "")}
          autocomplete={p.autocomplete}
          maxLength={p.maxLength}
          {...common}
        />
      )}
    </div>
  );
}

/** The list of problems at the top of a form that came back, each linking to its field. */
export function ErrorSummary(props: { errors: FieldErrors | undefined; message?: string }) {
  const entries = Object.entries(props.errors ?? {});
  if (entries.length === 0 && !props.message) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{props.message ?? "There was a problem with your form"}</h2>
      {entries.length > 0 && (
        <ul>
          {entries.map(([field, message]) => (
            <li key={field}>
              {field && !field.includes(".") ? <a href={`#field-${field}`}>{message}</a> : message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Submit(props: { children: ComponentChildren; kind?: "primary" | "danger" }) {
  return (
    <button type="submit" class={`button button--${props.kind ?? "primary"}`}>
      {props.children}
    </button>
  );
}

/** The "new password" and "confirm" pair used by sign-up, reset and change-password forms. */
export function NewPasswordFields(p: {
  errors: FieldErrors;
  limits: { passwordMin: number; passwordMax: number };
  label?: string;
  note?: string;
}) {
  const label = p.label ?? "New password";
  return (
    <>
      <Field
        name="password"
        type="password"
        label={label}
        error={p.errors.password}
        autocomplete="new-password"
        required
        hint={`${p.limits.passwordMin}–${p.limits.passwordMax} characters.${p.note ? ` ${p.note}` : ""}`}
      />
      <Field
        name="password_confirmation"
        type="password"
        label={`Confirm ${label.toLowerCase()}`}
        error={p.errors.password_confirmation}
        autocomplete="new-password"
        required
      />
    </>
  );
}
