// "Save these filters", for the aside under a works listing's sidebar: a name, "make this my
// default", and Save. It posts the listing's current filters to /account/filters, which comes back
// to the listing. Guests are offered to log in instead.
import { Form } from "../../../http/views/form.js";
import { usePage } from "../../../http/views/page-context.js";
import { SAVED_FILTER_NAME_MAX } from "../saved-filter.js";

export interface SaveFilterFormProps {
  /** The listing's path, without a query ("/tags/Fluff/works"). */
  path: string;
  /** The listing's filters as a query string: filterParams(filter).toString() (no page). */
  query: string;
}

export function SaveFilterForm(p: SaveFilterFormProps) {
  const { actor } = usePage();
  const here = p.query ? `${p.path}?${p.query}` : p.path;
  if (actor.kind !== "user") {
    return (
      <p class="save-filter muted">
        <a href={`/login?return_to=${encodeURIComponent(here)}`}>Log in</a> to save these filters.
      </p>
    );
  }
  return (
    <Form action="/account/filters" class="save-filter">
      <h2>Save these filters</h2>
      <input type="hidden" name="query" value={p.query} />
      <input type="hidden" name="return_to" value={here} />
      <p class="field">
        <label for="save-filter-name">Name</label>
        <input
          type="text"
          id="save-filter-name"
          name="name"
          required
          maxLength={SAVED_FILTER_NAME_MAX}
          aria-describedby="save-filter-hint"
        />
      </p>
      <p class="field__hint" id="save-filter-hint">
        A name you already use is replaced. <a href="/account/filters">Your saved filters</a>
      </p>
      <p class="field field--checkbox">
        <input type="checkbox" id="save-filter-default" name="is_default" value="on" />
        <label for="save-filter-default">Make this my default</label>
      </p>
      <button type="submit" class="button">
        Save
      </button>
    </Form>
  );
}
