// The Import works page: a form with fic files, the pseud to credit and whether to post at once;
// then a table of what became of each file.
import type { FieldErrors } from "../../../lib/errors.js";
import { ErrorSummary, Field, Submit } from "../../../http/views/form.js";
import { usePage } from "../../../http/views/page-context.js";
import type { Pseud } from "../../users/pseud.js";
import { Select } from "../../works/views/form-parts.js";
import { workPath } from "../../works/views/paths.js";
import { megabytes } from "../zip.js";

export const acceptedFiles = ".txt,.md,.html,.htm,.epub,.docx";

export interface ImportFormProps {
  pseuds: Pseud[];
  values: { pseud_id?: string; post?: string };
  errors?: FieldErrors | undefined;
  limits: { fileSize: number; files: number };
}

export function ImportPage(p: ImportFormProps) {
  const { csrfToken } = usePage();
  const e = p.errors ?? {};
  const chosen = p.values.pseud_id || p.pseuds.find((ps) => ps.isDefault)?.id || "";
  return (
    <section>
      <h1>Import works</h1>
      <p>
        Each file becomes a work of yours. Quire reads the title, tags, summary, notes and chapters from the
        file, and suggests tags from the text where the file names none. Works are saved as drafts for you to
        review before posting, unless you choose to post them at once.
      </p>
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/works/import" enctype="multipart/form-data" novalidate>
        {/* First: the token is checked before any file is read. */}
        <input type="hidden" name="_csrf" value={csrfToken} />
        <Select
          name="pseud_id"
          label="Credit the works to"
          value={chosen}
          error={e.pseud_id}
          options={p.pseuds.map((ps) => ({ value: ps.id, label: ps.name }))}
        />
        <Field
          name="post"
          type="checkbox"
          label="Post at once instead of saving drafts"
          checked={p.values.post === "on"}
          hint="Drafts are visible only to you until you post them."
        />
        <div class={`field${e.files ? " field--invalid" : ""}`}>
          <label for="field-files">Fic files</label>
          <p class="field__hint" id="field-files-hint">
            Up to {p.limits.files} files at a time, each at most {megabytes(p.limits.fileSize)}: plain text
            (.txt), Markdown (.md), HTML (.html, .htm), EPUB (.epub) or Word (.docx).
          </p>
          {e.files && (
            <p class="field__error" id="field-files-error">
              {e.files}
            </p>
          )}
          <input
            type="file"
            id="field-files"
            name="files"
            multiple
            accept={acceptedFiles}
            aria-invalid={e.files ? "true" : undefined}
            aria-describedby={e.files ? "field-files-hint field-files-error" : "field-files-hint"}
          />
        </div>
        <Submit>Import</Submit>
      </form>
    </section>
  );
}

export type ImportRowView = { fileName: string } & (
  | { status: "imported"; workId: string; title: string; posted: boolean; diagnostics: string[] }
  | { status: "duplicate"; workId: string }
  | { status: "failed"; reason: string }
);

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function ImportResultsPage(p: {
  rows: ImportRowView[];
  tooManyFiles?: number | undefined;
  draftsPath: string;
}) {
  const count = (status: ImportRowView["status"]) => p.rows.filter((r) => r.status === status).length;
  return (
    <section>
      <h1>Import results</h1>
      <p role="status">
        {plural(count("imported"), "file", "files")} imported, {count("duplicate")} skipped as already
        imported, {count("failed")} failed.
      </p>
      {p.tooManyFiles !== undefined && (
        <p class="field__error">
          Only the first {p.tooManyFiles} files were read: import at most {p.tooManyFiles} files at a time.
        </p>
      )}
      <div class="table-wrap">
        <table class="table import-results">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((row, i) => (
              <tr key={i}>
                <td>{row.fileName}</td>
                <td>
                  <ImportRowResult row={row} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul class="link-list">
        <li>
          <a href="/works/import">Import more works</a>
        </li>
        <li>
          <a href={p.draftsPath}>Your drafts</a>
        </li>
      </ul>
    </section>
  );
}

function ImportRowResult({ row }: { row: ImportRowView }) {
  if (row.status === "failed") return <>Failed: {row.reason}</>;
  if (row.status === "duplicate") {
    return (
      <>
        Skipped: you imported this file before. <a href={workPath(row.workId)}>See the work</a>
      </>
    );
  }
  return (
    <>
      {row.posted ? "Posted" : "Imported as a draft"}: <a href={workPath(row.workId)}>{row.title}</a>{" "}
      <a href={`${workPath(row.workId)}/edit`}>
        Review<span class="visually-hidden"> {row.title}</span>
      </a>
      {row.diagnostics.length > 0 && (
        <ul class="muted">
          {row.diagnostics.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      )}
    </>
  );
}
