// The reader's saved filters (/account/filters): each one with a link that applies it to all works,
// its filters in words, the default marker, and forms to rename it, make it the default or not,
// and delete it; then a form to save filters by hand.
import type { FieldErrors } from "../../../lib/errors.js";
import { ErrorSummary, Field, Form, Submit } from "../../../http/views/form.js";
import { SAVED_FILTER_NAME_MAX, savedFilterPath, type SavedFilter } from "../saved-filter.js";

export interface SavedFilterItem {
  savedFilter: SavedFilter;
  /** The filters in words, one phrase per choice. */
  description: string[];
}

/** A rename that came back with a problem: which filter, what was typed, what is wrong. */
export interface RenameState {
  id: string;
  values: Record<string, string>;
  errors: FieldErrors;
}

function RenameForm(p: { savedFilter: SavedFilter; rename?: RenameState | undefined }) {
  const f = p.savedFilter;
  const id = `field-rename-${f.id}`;
  const error = p.rename ? (p.rename.errors.name ?? Object.values(p.rename.errors)[0]) : undefined;
  return (
    <Form action={`/account/filters/${f.id}`} class="saved-filter__rename">
      <div class={`field${error ? " field--invalid" : ""}`}>
        <label for={id}>
          Rename<span class="visually-hidden"> {f.name}</span>
        </label>
        {error && (
          <p class="field__error" id={`${id}-error`}>
            {error}
          </p>
        )}
        <input
          type="text"
          id={id}
          name="name"
          value={p.rename ? (p.rename.values.name ?? "") : f.name}
          maxLength={SAVED_FILTER_NAME_MAX}
          required
          aria-invalid={error ? "true" : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
      </div>
      <button type="submit" class="link-button">
        Save name<span class="visually-hidden"> for {f.name}</span>
      </button>
    </Form>
  );
}

function SavedFilterEntry(p: { item: SavedFilterItem; rename?: RenameState | undefined }) {
  const f = p.item.savedFilter;
  return (
    <li class="saved-filter">
      <p>
        <a href={savedFilterPath(f.query)}>{f.name}</a> {f.isDefault && <span class="badge">Default</span>}
      </p>
      <p class="muted">{p.item.description.join(" · ")}</p>
      <RenameForm savedFilter={f} rename={p.rename} />
      <p class="actions">
        <Form action={`/account/filters/${f.id}`} class="inline-form">
          <input type="hidden" name="is_default" value={f.isDefault ? "0" : "1"} />
          <button type="submit" class="link-button">
            {f.isDefault ? "Stop using as default" : "Make default"}
            <span class="visually-hidden"> ({f.name})</span>
          </button>
        </Form>
        {" · "}
        <Form action={`/account/filters/${f.id}/delete`} class="inline-form">
          <button type="submit" class="link-button">
            Delete<span class="visually-hidden"> {f.name}</span>
          </button>
        </Form>
      </p>
    </li>
  );
}

export function SavedFiltersPage(p: {
  filters: SavedFilterItem[];
  max: number;
  /** The "save filters" form as typed, when it came back. */
  values?: Record<string, string>;
  errors?: FieldErrors;
  rename?: RenameState;
}) {
  const v = p.values ?? {};
  const e = p.errors ?? {};
  const renameErrors =
    p.rename && Object.keys(p.rename.errors).length > 0
      ? { [`rename-${p.rename.id}`]: p.rename.errors.name ?? Object.values(p.rename.errors)[0]! }
      : undefined;
  return (
    <section>
      <h1>Saved filters</h1>
      <p>
        Save the filters of any works listing with “Save these filters” under its sidebar. Your default filter
        is used on works listings you open without choosing filters.
      </p>
      <ErrorSummary errors={renameErrors} />
      {p.filters.length === 0 ? (
        <p class="muted">You have no saved filters.</p>
      ) : (
        <ul class="manage-list saved-filters">
          {p.filters.map((item) => (
            <SavedFilterEntry
              key={item.savedFilter.id}
              item={item}
              rename={p.rename?.id === item.savedFilter.id ? p.rename : undefined}
            />
          ))}
        </ul>
      )}
      <p class="muted">
        {p.filters.length} of at most {p.max} saved filters.
      </p>
      <h2>Save filters</h2>
      <ErrorSummary errors={p.errors} />
      <Form action="/account/filters">
        {v.return_to && <input type="hidden" name="return_to" value={v.return_to} />}
        <Field
          name="name"
          label="Name"
          value={v.name}
          error={e.name}
          required
          maxLength={SAVED_FILTER_NAME_MAX}
          hint={`Up to ${SAVED_FILTER_NAME_MAX} characters. Saving under a name you already use replaces that filter.`}
        />
        <Field
          name="query"
          label="Filters"
          value={v.query}
          error={e.query}
          required
          hint="A works listing's address, or the part of it after “?”, such as include=Fluff&complete=complete."
        />
        <Field
          name="is_default"
          type="checkbox"
          label="Make this my default"
          checked={v.is_default === "on" || v.is_default === "1"}
          error={e.is_default}
        />
        <Submit>Save filter</Submit>
      </Form>
    </section>
  );
}
