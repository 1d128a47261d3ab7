// Form controls the work and chapter forms need beyond the basic Field: a select, a group of
// checkboxes or radios, and a large text area for chapter text. Each keeps what was typed.
import type { ComponentChildren } from "preact";

export type FormValues = Record<string, string | string[] | undefined>;

export function valueOf(values: FormValues, name: string): string {
  const v = values[name];
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
}

export function valuesOf(values: FormValues, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
}

function describedBy(id: string, hint: unknown, error: unknown) {
  return [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
}

function Hint(p: { id: string; hint?: ComponentChildren }) {
  return p.hint ? (
    <p class="field__hint" id={`${p.id}-hint`}>
      {p.hint}
    </p>
  ) : null;
}

function ErrorText(p: { id: string; error?: string | undefined }) {
  return p.error ? (
    <p class="field__error" id={`${p.id}-error`}>
      {p.error}
    </p>
  ) : null;
}

export function Select(p: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value: string;
  error?: string | undefined;
  hint?: ComponentChildren;
  required?: boolean;
}) {
  const id = `field-${p.name}`;
  return (
    <div class={`field${p.error ? " field--invalid" : ""}`}>
      <label for={id}>{p.label}</label>
      <Hint id={id} hint={p.hint} />
      <ErrorText id={id} error={p.error} />
      <select
        id={id}
        name={p.name}
        required={p.required}
        aria-invalid={p.error ? "true" : undefined}
        aria-describedby={describedBy(id, p.hint, p.error)}
      >
        {p.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === p.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A fieldset of checkboxes (several choices) or radios (one). The first box carries the field id. */
export function Choices(p: {
  name: string;
  legend: string;
  type: "checkbox" | "radio";
  options: { value: string; label: string; hint?: string | undefined }[];
  selected: string[];
  error?: string | undefined;
  hint?: ComponentChildren;
}) {
  const id = `field-${p.name}`;
  return (
    <fieldset
      class={`field choices${p.error ? " field--invalid" : ""}`}
      aria-describedby={describedBy(id, p.hint, p.error)}
    >
      <legend>{p.legend}</legend>
      <Hint id={id} hint={p.hint} />
      <ErrorText id={id} error={p.error} />
      {p.options.map((o, i) => (
        <div class="choices__item" key={o.value}>
          <input
            type={p.type}
            id={i === 0 ? id : `${id}-${i}`}
            name={p.name}
            value={o.value}
            checked={p.selected.includes(o.value)}
            aria-invalid={p.error ? "true" : undefined}
          />
          <label for={i === 0 ? id : `${id}-${i}`}>
            {o.label}
            {o.hint && <span class="choices__hint"> ({o.hint})</span>}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** A text field for comma-separated tags, with suggestions from tags of its type when scripts run. */
export function TagField(p: {
  name: string;
  label: string;
  tagType: string;
  value: string;
  error?: string | undefined;
  required?: boolean;
}) {
  const id = `field-${p.name}`;
  return (
    <div class={`field${p.error ? " field--invalid" : ""}`}>
      <label for={id}>{p.label}</label>
      <p class="field__hint" id={`${id}-hint`}>
        Separate tags with commas.
      </p>
      <ErrorText id={id} error={p.error} />
      <input
        type="text"
        id={id}
        name={p.name}
        value={p.value}
        required={p.required}
        autocomplete="off"
        data-autocomplete={p.tagType}
        aria-invalid={p.error ? "true" : undefined}
        aria-describedby={describedBy(id, true, p.error)}
      />
    </div>
  );
}

export function TextArea(p: {
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: ComponentChildren;
  rows?: number;
  maxLength?: number;
  required?: boolean;
}) {
  const id = `field-${p.name}`;
  return (
    <div class={`field${p.error ? " field--invalid" : ""}`}>
      <label for={id}>{p.label}</label>
      <Hint id={id} hint={p.hint} />
      <ErrorText id={id} error={p.error} />
      <textarea
        id={id}
        name={p.name}
        rows={p.rows ?? 5}
        required={p.required}
        aria-invalid={p.error ? "true" : undefined}
        aria-describedby={describedBy(id, p.hint, p.error)}
      >
        {p.value}
      </textarea>
    </div>
  );
}

/** The two ways to type text: rich text/HTML or Markdown. */
export function TextFormatChoice(p: { values: FormValues }) {
  return (
    <Choices
      name="text_format"
      legend="Text format"
      type="radio"
      options={[
        { value: "html", label: "HTML or plain text", hint: "blank lines become paragraphs" },
        { value: "markdown", label: "Markdown" },
      ]}
      selected={[valueOf(p.values, "text_format") || "html"]}
    />
  );
}
