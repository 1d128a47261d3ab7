// The reader's preferences: the adult content notice and the entire-work view.
import type { FieldErrors } from "../../../lib/errors.js";
import { ErrorSummary, Field, Form } from "../../../http/views/form.js";
import type { Preferences } from "../preference.repo.js";

export function PreferencesPage(p: { preferences: Preferences; errors?: FieldErrors | undefined }) {
  return (
    <section class="narrow">
      <h1>Preferences</h1>
      <Form action="/account/preferences">
        <ErrorSummary errors={p.errors} />
        <Field
          name="view_adult"
          type="checkbox"
          label="Show me adult content without checking"
          hint="Works rated Mature, Explicit or Not Rated open without the adult content notice."
          checked={p.preferences.viewAdult}
          error={p.errors?.view_adult}
        />
        <Field
          name="view_full_works"
          type="checkbox"
          label="Show the whole work by default"
          hint="Open works with every chapter on one page instead of chapter by chapter."
          checked={p.preferences.viewFullWorks}
          error={p.errors?.view_full_works}
        />
        <div class="form-actions">
          <button type="submit" class="button button--primary">
            Save preferences
          </button>
        </div>
      </Form>
    </section>
  );
}
