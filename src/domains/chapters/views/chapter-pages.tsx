// The chapter forms (add, edit), the delete confirmation and the manage page that reorders chapters.
import type { FieldErrors } from "../../../lib/errors.js";
import { ErrorSummary, Field, Form } from "../../../http/views/form.js";
import { chapterHeading, type ChapterSummary, type Work } from "../../works/work.js";
import type { WorkLimits } from "../../works/work.schema.js";
import {
  ReorderForm,
  TextArea,
  TextFormatChoice,
  valueOf,
  type FormValues,
} from "../../works/views/form-parts.js";
import { chapterPath, workPath } from "../../works/views/paths.js";

export function ChapterForm(p: {
  work: Work;
  /** Set when editing. */
  chapter?: ChapterSummary;
  position: number;
  values: FormValues;
  errors?: FieldErrors | undefined;
  limits: WorkLimits;
}) {
  const v = p.values;
  const e = p.errors ?? {};
  const editing = p.chapter !== undefined;
  const action = editing ? chapterPath(p.work.id, p.chapter!.id) : `${workPath(p.work.id)}/chapters`;
  return (
    <section>
      <h1>
        {editing ? "Edit " : "New "}
        {editing ? chapterHeading(p.chapter!) : `chapter ${p.position}`} of{" "}
        <a href={workPath(p.work.id)}>{p.work.title}</a>
      </h1>
      <Form action={action} class="work-form">
        <ErrorSummary errors={p.errors} />
        <Field
          name="title"
          label="Chapter title"
          value={valueOf(v, "title")}
          error={e.title}
          hint="Optional."
        />
        <Field
          name="expected_chapters"
          label={`This is chapter ${p.position} of`}
          value={valueOf(v, "expected_chapters")}
          error={e.expected_chapters}
          hint="The number of chapters you expect, or ? if you don't know yet."
        />
        <TextArea name="summary" label="Chapter summary" value={valueOf(v, "summary")} error={e.summary} />
        <TextArea name="notes" label="Notes at the beginning" value={valueOf(v, "notes")} error={e.notes} />
        <TextArea
          name="endnotes"
          label="Notes at the end"
          value={valueOf(v, "endnotes")}
          error={e.endnotes}
        />
        <TextFormatChoice values={v} />
        <TextArea
          name="text"
          label="Chapter text"
          rows={20}
          required
          value={valueOf(v, "text")}
          error={e.text}
          hint={`${p.limits.chapterMin}–${p.limits.chapterMax.toLocaleString("en")} characters.`}
        />
        <div class="form-actions">
          {editing ? (
            <>
              <button type="submit" name="commit" value="update" class="button button--primary">
                Update
              </button>
              {!p.chapter!.posted && p.work.posted && (
                <button type="submit" name="commit" value="post" class="button">
                  Post chapter
                </button>
              )}
            </>
          ) : (
            <>
              <button type="submit" name="commit" value="post" class="button button--primary">
                Post
              </button>
              <button type="submit" name="commit" value="draft" class="button">
                Save as draft
              </button>
            </>
          )}
          <a href={workPath(p.work.id)}>Cancel</a>
        </div>
      </Form>
      {editing && (
        <p>
          <a href={`${chapterPath(p.work.id, p.chapter!.id)}/delete`}>Delete this chapter</a>
        </p>
      )}
    </section>
  );
}

export function DeleteChapterPage(p: { work: Work; chapter: ChapterSummary; error?: string | undefined }) {
  return (
    <section class="narrow">
      <h1>
        Delete {chapterHeading(p.chapter)} of {p.work.title}?
      </h1>
      {p.error ? (
        <p class="flash flash--error" role="alert">
          {p.error}
        </p>
      ) : (
        <>
          <p>The chapter's text and notes will be removed for good, and the chapters after it renumbered.</p>
          <Form action={`${chapterPath(p.work.id, p.chapter.id)}/delete`}>
            <div class="form-actions">
              <button type="submit" class="button button--danger">
                Yes, delete the chapter
              </button>
              <a href={workPath(p.work.id)}>Cancel</a>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}

export function ManageChaptersPage(p: {
  work: Work;
  chapters: ChapterSummary[];
  error?: string | undefined;
}) {
  return (
    <section class="narrow">
      <h1>
        Manage chapters of <a href={workPath(p.work.id)}>{p.work.title}</a>
      </h1>
      <p>Give each chapter its new number, then save. Chapters keep their titles.</p>
      {p.error && (
        <p class="flash flash--error" role="alert">
          {p.error}
        </p>
      )}
      <ReorderForm
        action={`${workPath(p.work.id)}/chapters/manage`}
        cancel={workPath(p.work.id)}
        items={p.chapters.map((c) => ({ id: c.id, label: chapterHeading(c), position: c.position }))}
      />
    </section>
  );
}
