// The posting form and the edit form for a work, in AO3's order: tags, preface, associations,
// language, privacy, text. A form that comes back with errors keeps everything that was typed.
import type { ComponentChildren } from "preact";
import type { FieldErrors } from "../../../lib/errors.js";
import { ErrorSummary, Field, Form } from "../../../http/views/form.js";
import type { Pseud } from "../../users/pseud.js";
import type { Series } from "../../series/series.js";
import { archiveWarnings, categories, ratings } from "../../tags/fixed-tags.js";
import { languages } from "../languages.js";
import type { WorkLimits } from "../work.schema.js";
import {
  Choices,
  Select,
  TagField,
  TextArea,
  TextFormatChoice,
  valueOf,
  valuesOf,
  type FormValues,
} from "./form-parts.js";

export interface WorkFormProps {
  /** Set when editing. */
  workId?: string;
  /** Editing a draft shows a Post button. */
  draft?: boolean;
  /** The edit form shows the text only for single-chapter works. */
  showText: boolean;
  pseuds: Pseud[];
  series: Series[];
  /** The series the work is already in (edit). */
  currentSeries?: { id: string; title: string }[];
  values: FormValues;
  errors?: FieldErrors | undefined;
  limits: WorkLimits;
  /** Notes under fields, by field name (an imported draft's suggestions). */
  fieldNotes?: Partial<Record<string, ComponentChildren>>;
}

export function WorkForm(p: WorkFormProps) {
  const v = p.values;
  const e = p.errors ?? {};
  const editing = p.workId !== undefined;
  const note = (field: string) => p.fieldNotes?.[field];
  return (
    <Form action={editing ? `/works/${p.workId}` : "/works"} class="work-form">
      <ErrorSummary errors={p.errors} />
      <fieldset class="form-section">
        <legend>Tags</legend>
        <Select
          name="rating"
          label="Rating"
          required
          value={valueOf(v, "rating")}
          error={e.rating}
          options={[
            { value: "", label: "Choose a rating" },
            ...ratings.map((r) => ({ value: r.name, label: r.display })),
          ]}
        />
        {note("rating")}
        <Choices
          name="warnings"
          legend="Archive warnings"
          type="checkbox"
          hint="Choose at least one."
          options={archiveWarnings.map((w) => ({ value: w.name, label: w.display }))}
          selected={valuesOf(v, "warnings")}
          error={e.warnings}
        />
        {note("warnings")}
        <TagField
          name="fandoms"
          label="Fandoms"
          tagType="fandom"
          value={valueOf(v, "fandoms")}
          error={e.fandoms}
          required
        />
        {note("fandoms")}
        <Choices
          name="categories"
          legend="Categories"
          type="checkbox"
          options={categories.map((c) => ({ value: c.name, label: c.display, hint: c.help }))}
          selected={valuesOf(v, "categories")}
          error={e.categories}
        />
        {note("categories")}
        <TagField
          name="relationships"
          label="Relationships"
          tagType="relationship"
          value={valueOf(v, "relationships")}
          error={e.relationships}
        />
        {note("relationships")}
        <TagField
          name="characters"
          label="Characters"
          tagType="character"
          value={valueOf(v, "characters")}
          error={e.characters}
        />
        {note("characters")}
        <TagField
          name="freeforms"
          label="Additional tags"
          tagType="freeform"
          value={valueOf(v, "freeforms")}
          error={e.freeforms}
        />
        {note("freeforms")}
      </fieldset>

      <fieldset class="form-section">
        <legend>Preface</legend>
        <Field
          name="title"
          label="Title"
          value={valueOf(v, "title")}
          error={e.title}
          required
          hint={`Up to ${p.limits.titleMax} characters.`}
        />
        {note("title")}
        {p.pseuds.length > 1 ? (
          <Choices
            name="pseud_ids"
            legend="Creator pseuds"
            type="checkbox"
            options={p.pseuds.map((ps) => ({ value: ps.id, label: ps.name }))}
            selected={
              valuesOf(v, "pseud_ids").length > 0
                ? valuesOf(v, "pseud_ids")
                : p.pseuds.filter((ps) => ps.isDefault).map((ps) => ps.id)
            }
            error={e.pseud_ids}
          />
        ) : (
          p.pseuds[0] && <input type="hidden" name="pseud_ids" value={p.pseuds[0].id} />
        )}
        <TextArea
          name="summary"
          label="Summary"
          value={valueOf(v, "summary")}
          error={e.summary}
          hint={`Up to ${p.limits.summaryMax} characters.`}
        />
        <TextArea
          name="notes"
          label="Notes at the beginning"
          value={valueOf(v, "notes")}
          error={e.notes}
          hint={`Up to ${p.limits.notesMax} characters.`}
        />
        <TextArea
          name="endnotes"
          label="Notes at the end"
          value={valueOf(v, "endnotes")}
          error={e.endnotes}
          hint={`Up to ${p.limits.notesMax} characters.`}
        />
      </fieldset>

      <fieldset class="form-section">
        <legend>Associations</legend>
        {p.currentSeries && p.currentSeries.length > 0 && (
          <Choices
            name="remove_series_ids"
            legend="Remove from series"
            type="checkbox"
            options={p.currentSeries.map((s) => ({ value: s.id, label: s.title }))}
            selected={valuesOf(v, "remove_series_ids")}
          />
        )}
        <Select
          name="series_id"
          label="Add to one of your series"
          value={valueOf(v, "series_id")}
          error={e.series_id}
          options={[{ value: "", label: "None" }, ...p.series.map((s) => ({ value: s.id, label: s.title }))]}
        />
        <Field
          name="series_title"
          label="Or start a new series called"
          value={valueOf(v, "series_title")}
          error={e.series_title}
        />
        <Field
          name="series_position"
          label="Part number in the series"
          value={valueOf(v, "series_position")}
          error={e.series_position}
          hint="Leave blank to add it at the end."
        />
        <Field
          name="expected_chapters"
          label="Expected number of chapters"
          value={valueOf(v, "expected_chapters")}
          error={e.expected_chapters}
          hint="A number, or ? if you don't know yet."
        />
        {p.showText && (
          <Field
            name="chapter_title"
            label="First chapter title"
            value={valueOf(v, "chapter_title")}
            error={e.chapter_title}
          />
        )}
        <Field
          name="backdate"
          type="checkbox"
          label="Set a different publication date"
          checked={valuesOf(v, "backdate").length > 0}
        />
        <Field
          name="published_on"
          label="Publication date"
          value={valueOf(v, "published_on")}
          error={e.published_on}
          hint="YYYY-MM-DD, not in the future."
        />
      </fieldset>

      <fieldset class="form-section">
        <legend>Language and privacy</legend>
        <Select
          name="language"
          label="Language"
          required
          value={valueOf(v, "language") || "en"}
          error={e.language}
          options={languages.map((l) => ({ value: l.code, label: l.name }))}
        />
        <Field
          name="restricted"
          type="checkbox"
          label="Only show this work to logged-in users"
          checked={valuesOf(v, "restricted").length > 0}
        />
        <Choices
          name="comment_permissions"
          legend="Who can comment on this work"
          type="radio"
          options={[
            { value: "anyone", label: "Anyone, including guests" },
            { value: "users", label: "Only logged-in users" },
            { value: "none", label: "No one" },
          ]}
          selected={[valueOf(v, "comment_permissions") || "users"]}
          error={e.comment_permissions}
        />
      </fieldset>

      <fieldset class="form-section">
        <legend>Text</legend>
        <TextFormatChoice values={v} />
        {p.showText ? (
          <TextArea
            name="text"
            label="Work text"
            rows={20}
            value={valueOf(v, "text")}
            error={e.text}
            required
            hint={`${p.limits.chapterMin}–${p.limits.chapterMax.toLocaleString("en")} characters. Text is not saved until you press a button below.`}
          />
        ) : (
          <p class="muted">This work has several chapters: edit each chapter's text from its own page.</p>
        )}
      </fieldset>

      <div class="form-actions">
        {editing ? (
          <>
            <button type="submit" name="commit" value="update" class="button button--primary">
              {p.draft ? "Save draft" : "Update"}
            </button>
            {p.draft && (
              <button type="submit" name="commit" value="post" class="button">
                Post
              </button>
            )}
            <a href={`/works/${p.workId}`}>Cancel</a>
          </>
        ) : (
          <>
            <button type="submit" name="commit" value="post" class="button button--primary">
              Post
            </button>
            <button type="submit" name="commit" value="preview" class="button">
              Preview
            </button>
            <button type="submit" name="commit" value="draft" class="button">
              Save as draft
            </button>
          </>
        )}
      </div>
    </Form>
  );
}
