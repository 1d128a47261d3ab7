// A series page (its works in order, as blurbs), its edit form and the page that reorders its works.
import type { FieldErrors } from "../../../lib/errors.js";
import { ErrorSummary, Field, Form } from "../../../http/views/form.js";
import { WorkBlurb } from "../../works/views/blurb.js";
import { Byline } from "../../works/views/creators.js";
import { ReorderForm, TextArea, valueOf, type FormValues } from "../../works/views/form-parts.js";
import { day, seriesPath } from "../../works/views/paths.js";
import type { SeriesLimits } from "../series.schema.js";
import type { SeriesPage as SeriesData } from "../series.service.js";
import type { Series } from "../series.js";

export function SeriesPage(p: { data: SeriesData }) {
  const { series, creators, works, owner } = p.data;
  return (
    <section>
      <h1>{series.title}</h1>
      {owner && (
        <ul class="work-actions" aria-label="Series actions">
          <li>
            <a href={`${seriesPath(series.id)}/edit`}>Edit series</a>
          </li>
          {works.length > 1 && (
            <li>
              <a href={`${seriesPath(series.id)}/manage`}>Reorder works</a>
            </li>
          )}
        </ul>
      )}
      <dl class="stats">
        <div>
          <dt>Creators:</dt>
          <dd>
            <Byline creators={creators} />
          </dd>
        </div>
        <div>
          <dt>Series begun:</dt>
          <dd>{day(series.createdAt)}</dd>
        </div>
        <div>
          <dt>Series updated:</dt>
          <dd>{day(series.updatedAt)}</dd>
        </div>
        <div>
          <dt>Words:</dt>
          <dd>{p.data.wordCount.toLocaleString("en")}</dd>
        </div>
        <div>
          <dt>Works:</dt>
          <dd>{works.length}</dd>
        </div>
        <div>
          <dt>Complete:</dt>
          <dd>{series.complete ? "Yes" : "No"}</dd>
        </div>
      </dl>
      {series.summary && (
        <div class="series__summary">
          <h2>Description:</h2>
          <div class="userstuff" dangerouslySetInnerHTML={{ __html: series.summary }} />
        </div>
      )}
      {series.notes && (
        <div class="series__notes">
          <h2>Notes:</h2>
          <div class="userstuff" dangerouslySetInnerHTML={{ __html: series.notes }} />
        </div>
      )}
      <h2>Works</h2>
      <ol class="blurb-list">
        {works.map((d) => (
          <WorkBlurb key={d.work.id} detail={d} headingLevel={3} />
        ))}
      </ol>
    </section>
  );
}

export function SeriesForm(p: {
  series: Series;
  values: FormValues;
  errors?: FieldErrors | undefined;
  limits: SeriesLimits;
}) {
  const v = p.values;
  const e = p.errors ?? {};
  return (
    <section>
      <h1>
        Edit series <a href={seriesPath(p.series.id)}>{p.series.title}</a>
      </h1>
      <Form action={seriesPath(p.series.id)}>
        <ErrorSummary errors={p.errors} />
        <Field name="title" label="Series title" value={valueOf(v, "title")} error={e.title} required />
        <TextArea
          name="summary"
          label="Description"
          value={valueOf(v, "summary")}
          error={e.summary}
          hint={`Up to ${p.limits.summaryMax} characters.`}
        />
        <TextArea
          name="notes"
          label="Notes"
          value={valueOf(v, "notes")}
          error={e.notes}
          hint={`Up to ${p.limits.notesMax} characters.`}
        />
        <Field
          name="complete"
          type="checkbox"
          label="This series is complete"
          checked={v.complete !== undefined}
        />
        <div class="form-actions">
          <button type="submit" class="button button--primary">
            Update
          </button>
          <a href={seriesPath(p.series.id)}>Cancel</a>
        </div>
      </Form>
    </section>
  );
}

export function ManageSeriesPage(p: { data: SeriesData; error?: string | undefined }) {
  const { series, works } = p.data;
  return (
    <section class="narrow">
      <h1>
        Reorder <a href={seriesPath(series.id)}>{series.title}</a>
      </h1>
      <p>Give each work its new part number, then save.</p>
      {p.error && (
        <p class="flash flash--error" role="alert">
          {p.error}
        </p>
      )}
      <ReorderForm
        action={`${seriesPath(series.id)}/manage`}
        cancel={seriesPath(series.id)}
        items={works.map((d) => ({ id: d.work.id, label: d.work.title, position: d.position }))}
      />
    </section>
  );
}
