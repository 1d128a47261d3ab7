// Form controls the work and chapter forms need beyond the basic Field: a select, a group of
// checkboxes or radios, and a large text area for chapter text. Each keeps what was typed.
import type { ComponentChildren } from "preact";
import { Form } from "../../../http/views/form.js";

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

/** A list of things to reorder by typing each one's new number (named pos_<id>); works without scripts. */
export function ReorderForm(p: {
  action: string;
  cancel: string;
  items: { id: string; label: string; position: number }[];
}) {
  return (
    <Form action={p.action}>
      <ol class="manage-list">
        {p.items.map((item) => (
          <li key={item.id}>
            <label for={`pos-${item.id}`}>{item.label}</label>{" "}
            <input
              type="number"
              min={1}
              max={p.items.length}
              id={`pos-${item.id}`}
              name={`pos_${item.id}`}
              value={String(item.position)}
              class="input--short"
            />
          </li>
        ))}
      </ol>
      <div class="form-actions">
        <button type="submit" class="button button--primary">
          Save order
        </button>
        <a href={p.cancel}>Cancel</a>
      </div>
    </Form>
  );
}

/**
 * The ids in the order a ReorderForm asked for (ties keep the old order), or undefined when a
 * number is missing from 1..n.
 */
export function orderFromForm(
  body: Record<string, unknown>,
  items: readonly { id: string; position: number }[],
): string[] | undefined {
  const wanted = items.map((item) => ({
    id: item.id,
    at: Number(body[`pos_${item.id}`] ?? item.position),
    was: item.position,
  }));
  if (wanted.some((w) => !Number.isInteger(w.at) || w.at < 1 || w.at > items.length)) return undefined;
  return wanted.sort((a, b) => a.at - b.at || a.was - b.was).map((w) => w.id);
}
