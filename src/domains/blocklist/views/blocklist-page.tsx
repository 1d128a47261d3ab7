// The reader's blocklist (/account/blocklist): blocked tags, creators and works, each section with
// its add form and a Remove button per entry.
import type { ComponentChildren } from "preact";
import type { FieldErrors } from "../../../lib/errors.js";
import { ErrorSummary, Form } from "../../../http/views/form.js";
import { blockedItemPath } from "../blocklist.present.js";
import { blockedLabel, type BlockKind, type BlockedItem, type Blocklist } from "../blocklist.js";

/** An add form that came back: which kind, what was typed, what is wrong. */
export interface BlockFormState {
  kind: string;
  values: Record<string, string>;
  errors: FieldErrors;
}

interface SectionSpec {
  kind: BlockKind;
  heading: string;
  /** The form field, and the id of its input. */
  field: "name" | "work_id";
  inputId: string;
  label: string;
  hint: string;
  empty: string;
  button: string;
}

const sections: SectionSpec[] = [
  {
    kind: "tag",
    heading: "Tags",
    field: "name",
    inputId: "field-tag-name",
    label: "Block tags",
    hint: "Tag names, separated by commas. A synonym hides its canonical tag's works too, and a meta tag its sub tags' works.",
    empty: "You haven't blocked any tags.",
    button: "Block tags",
  },
  {
    kind: "user",
    heading: "Creators",
    field: "name",
    inputId: "field-user-name",
    label: "Block a creator",
    hint: "Their username. Works by any of their pseuds are hidden.",
    empty: "You haven't blocked any creators.",
    button: "Block creator",
  },
  {
    kind: "work",
    heading: "Works",
    field: "work_id",
    inputId: "field-work-id",
    label: "Block a work",
    hint: "The work's address, such as /works/…, or its id.",
    empty: "You haven't blocked any works.",
    button: "Block work",
  },
];

/** The error of a form that came back, keyed by its input's id (without "field-") for the summary. */
function errorOf(spec: SectionSpec, failed: BlockFormState | undefined): string | undefined {
  if (!failed || failed.kind !== spec.kind) return undefined;
  return failed.errors[spec.field] ?? failed.errors.kind ?? Object.values(failed.errors)[0];
}

function Entry(p: { item: BlockedItem }) {
  const path = blockedItemPath(p.item);
  const label = blockedLabel(p.item);
  return (
    <li>
      {path ? <a href={path}>{p.item.name}</a> : <span class="muted">{label}</span>}
      {p.item.synonymOf && <span class="muted"> (a synonym of {p.item.synonymOf})</span>}{" "}
      <Form action="/account/blocklist/remove" class="inline-form">
        <input type="hidden" name="kind" value={p.item.kind} />
        <input type="hidden" name="target_id" value={p.item.targetId} />
        <button type="submit" class="link-button">
          Remove<span class="visually-hidden"> {label}</span>
        </button>
      </Form>
    </li>
  );
}

function Section(p: { spec: SectionSpec; items: BlockedItem[]; failed: BlockFormState | undefined }) {
  const { spec } = p;
  const error = errorOf(spec, p.failed);
  const value = p.failed?.kind === spec.kind ? (p.failed.values[spec.field] ?? "") : "";
  const described = [`${spec.inputId}-hint`, error ? `${spec.inputId}-error` : ""].filter(Boolean).join(" ");
  const input: ComponentChildren = (
    <input
      type="text"
      id={spec.inputId}
      name={spec.field}
      value={value}
      required
      autocomplete="off"
      aria-invalid={error ? "true" : undefined}
      aria-describedby={described}
      {...(spec.kind === "tag" ? { "data-autocomplete": "any" } : {})}
    />
  );
  return (
    <section aria-labelledby={`blocked-${spec.kind}`} class="blocklist__section">
      <h2 id={`blocked-${spec.kind}`}>{spec.heading}</h2>
      {p.items.length === 0 ? (
        <p class="muted">{spec.empty}</p>
      ) : (
        <ul class="manage-list">
          {p.items.map((item) => (
            <Entry key={item.targetId} item={item} />
          ))}
        </ul>
      )}
      <Form action="/account/blocklist">
        <input type="hidden" name="kind" value={spec.kind} />
        <div class={`field${error ? " field--invalid" : ""}`}>
          <label for={spec.inputId}>{spec.label}</label>
          <p class="field__hint" id={`${spec.inputId}-hint`}>
            {spec.hint}
          </p>
          {error && (
            <p class="field__error" id={`${spec.inputId}-error`}>
              {error}
            </p>
          )}
          {input}
        </div>
        <button type="submit" class="button">
          {spec.button}
        </button>
      </Form>
    </section>
  );
}

export function BlocklistPage(p: { blocklist: Blocklist; failed?: BlockFormState }) {
  const items: Record<BlockKind, BlockedItem[]> = {
    tag: p.blocklist.tags,
    user: p.blocklist.creators,
    work: p.blocklist.works,
  };
  const failedSpec = sections.find((s) => s.kind === p.failed?.kind);
  const summary: FieldErrors | undefined = p.failed
    ? failedSpec
      ? { [failedSpec.inputId.replace(/^field-/, "")]: errorOf(failedSpec, p.failed) ?? "" }
      : { "": Object.values(p.failed.errors)[0] ?? "" }
    : undefined;
  return (
    <section>
      <h1>Your blocklist</h1>
      <p>
        Works with these tags, by these creators, and these works are left out of every works listing and
        search you see. Each listing says how many works it left out, with a link to show them once.
      </p>
      <p class="muted">
        {p.blocklist.count.toLocaleString("en")} of at most {p.blocklist.max.toLocaleString("en")} entries.
      </p>
      <ErrorSummary errors={summary} />
      {sections.map((spec) => (
        <Section key={spec.kind} spec={spec} items={items[spec.kind]} failed={p.failed} />
      ))}
    </section>
  );
}
