// Reading a work: the preface (tags, series, stats, title, byline, summary, notes), one chapter
// or every chapter, end notes, and the navigation between chapters. Works without JavaScript.
import type { ComponentChildren } from "preact";
import { Form } from "../../../http/views/form.js";
import type { BlockedTargets } from "../../blocklist/blocklist.js";
import { WorkBlockControls } from "../../blocklist/views/work-block-controls.js";
import {
  chapterCount,
  chapterHeading,
  type Chapter,
  type ChapterSummary,
  type SeriesLink,
  type WorkDetail,
} from "../work.js";
import { Byline } from "./creators.js";
import { chapterPath, day, seriesPath, workPath } from "./paths.js";
import { TagGroups } from "./tag-groups.js";

export type ReadingSize = "s" | "m" | "l" | "xl";
export const readingSizes: readonly ReadingSize[] = ["s", "m", "l", "xl"];

export interface WorkPageProps {
  detail: WorkDetail;
  series: SeriesLink[];
  /** Chapters the viewer may read, without text (for navigation). */
  chapters: ChapterSummary[];
  /** The chapters shown on this page: one, or all of them in the entire-work view. */
  shown: Chapter[];
  entire: boolean;
  owner: boolean;
  size: ReadingSize;
  path: string;
  /** What the reader's blocklist holds, for the Block buttons; null for a guest or a creator. */
  blocked: BlockedTargets | null;
}

function Stats(p: { detail: WorkDetail }) {
  const w = p.detail.work;
  const rows: [string, ComponentChildren][] = [["Published", day(w.publishedAt) || "Not yet"]];
  if (w.postedChapters > 1 || w.expectedChapters !== 1)
    rows.push([w.complete ? "Completed" : "Updated", day(w.revisedAt)]);
  rows.push(
    ["Words", w.wordCount.toLocaleString("en")],
    ["Chapters", chapterCount(w)],
    ["Comments", "0"],
    ["Kudos", "0"],
    ["Bookmarks", "0"],
    ["Hits", w.hitCount.toLocaleString("en")],
  );
  return (
    <dl class="stats">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}:</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function SeriesLinks(p: { series: SeriesLink[] }) {
  if (p.series.length === 0) return null;
  return (
    <div class="work-meta__group">
      <dt>Series:</dt>
      <dd>
        <ul class="series-links">
          {p.series.map((s) => (
            <li key={s.id}>
              {s.previous && (
                <a href={workPath(s.previous.id)} rel="prev">
                  ← Previous work<span class="visually-hidden">: {s.previous.title}</span>
                </a>
              )}{" "}
              Part {s.position} of <a href={seriesPath(s.id)}>{s.title}</a>{" "}
              {s.next && (
                <a href={workPath(s.next.id)} rel="next">
                  Next work →<span class="visually-hidden">: {s.next.title}</span>
                </a>
              )}
            </li>
          ))}
        </ul>
      </dd>
    </div>
  );
}

export function WorkActions(p: { detail: WorkDetail; chapters: ChapterSummary[] }) {
  const id = p.detail.work.id;
  return (
    <ul class="work-actions" aria-label="Work actions">
      {!p.detail.work.posted && (
        <li>
          <Form action={`${workPath(id)}/post`} class="inline-form">
            <button type="submit" class="button button--primary">
              Post draft
            </button>
          </Form>
        </li>
      )}
      <li>
        <a href={`${workPath(id)}/edit`}>Edit</a>
      </li>
      <li>
        <a href={`${workPath(id)}/chapters/new`}>Add chapter</a>
      </li>
      {p.chapters.length > 1 && (
        <li>
          <a href={`${workPath(id)}/chapters/manage`}>Manage chapters</a>
        </li>
      )}
      {p.detail.work.posted && (
        <li>
          <a href={`${workPath(id)}/orphan`}>Orphan</a>
        </li>
      )}
      <li>
        <a href={`${workPath(id)}/delete`}>Delete</a>
      </li>
    </ul>
  );
}

function ChapterNav(p: {
  workId: string;
  chapters: ChapterSummary[];
  current?: Chapter | undefined;
  entire: boolean;
  label: string;
}) {
  if (p.chapters.length <= 1) return null;
  const at = p.current ? p.chapters.findIndex((c) => c.id === p.current!.id) : -1;
  const prev = at > 0 ? p.chapters[at - 1] : undefined;
  const next = at >= 0 ? p.chapters[at + 1] : undefined;
  return (
    <nav class="chapter-nav" aria-label={p.label}>
      <ul>
        {p.entire ? (
          <li>
            <a href={chapterPath(p.workId, p.chapters[0]!.id)}>Chapter by chapter</a>
          </li>
        ) : (
          <li>
            <a href={`${workPath(p.workId)}?view_full_work=true`}>Entire work</a>
          </li>
        )}
        {prev && (
          <li>
            <a href={chapterPath(p.workId, prev.id)} rel="prev">
              ← Previous chapter
            </a>
          </li>
        )}
        <li>
          <a href={`${workPath(p.workId)}/navigate`}>Chapter index</a>
        </li>
        {next && (
          <li>
            <a href={chapterPath(p.workId, next.id)} rel="next">
              Next chapter →
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

function Html(p: { html: string; class?: string }) {
  return <div class={`userstuff ${p.class ?? ""}`} dangerouslySetInnerHTML={{ __html: p.html }} />;
}

function ChapterBody(p: { chapter: Chapter; showHeading: boolean; workId: string; owner: boolean }) {
  const c = p.chapter;
  const headingId = `chapter-${c.position}-heading`;
  return (
    <section
      class="chapter"
      id={`chapter-${c.position}`}
      aria-labelledby={p.showHeading ? headingId : "work-title"}
    >
      {p.showHeading && (
        <h2 class="chapter__title" id={headingId}>
          <a href={chapterPath(p.workId, c.id)}>{chapterHeading(c)}</a>
          {!c.posted && <span class="badge">Draft</span>}
        </h2>
      )}
      {p.showHeading && p.owner && (
        <p class="chapter__edit">
          <a href={`${chapterPath(p.workId, c.id)}/edit`}>
            Edit<span class="visually-hidden"> {chapterHeading(c)}</span>
          </a>
        </p>
      )}
      {c.summary && (
        <div class="chapter__summary">
          <h3>Summary:</h3>
          <Html html={c.summary} />
        </div>
      )}
      {c.notes && (
        <div class="chapter__notes">
          <h3>Notes:</h3>
          <Html html={c.notes} />
        </div>
      )}
      <Html html={c.content} class="chapter__text" />
      {c.endnotes && (
        <div class="chapter__endnotes">
          <h3>Notes:</h3>
          <Html html={c.endnotes} />
        </div>
      )}
    </section>
  );
}

export function ReadingControls(p: { size: ReadingSize; path: string }) {
  const back = encodeURIComponent(p.path);
  const i = readingSizes.indexOf(p.size);
  return (
    <nav class="reading-controls" aria-label="Text size">
      <span>Text size:</span>
      {i > 0 ? (
        <a href={`/reading/size?size=${readingSizes[i - 1]}&return_to=${back}`}>Smaller</a>
      ) : (
        <span class="muted">Smaller</span>
      )}
      {i < readingSizes.length - 1 ? (
        <a href={`/reading/size?size=${readingSizes[i + 1]}&return_to=${back}`}>Larger</a>
      ) : (
        <span class="muted">Larger</span>
      )}
    </nav>
  );
}

export function WorkPage(p: WorkPageProps) {
  const { work, creators } = p.detail;
  const first = p.shown[0];
  const multi = p.chapters.length > 1;
  const atStart = p.entire || !multi || first?.position === p.chapters[0]?.position;
  const atEnd = p.entire || !multi || first?.id === p.chapters[p.chapters.length - 1]?.id;
  return (
    <article class={`work reading reading--${p.size}`}>
      {p.owner && <WorkActions detail={p.detail} chapters={p.chapters} />}
      {!work.posted && (
        <p class="flash flash--notice" role="status">
          This is a draft: only you can see it. Post it when it's ready.
        </p>
      )}
      <ReadingControls size={p.size} path={p.path} />
      <ChapterNav
        workId={work.id}
        chapters={p.chapters}
        current={p.entire ? undefined : first}
        entire={p.entire}
        label="Chapters"
      />
      <div class="preface">
        <dl class="work-meta">
          <TagGroups tags={p.detail.tags} language={work.language} />
          <SeriesLinks series={p.series} />
        </dl>
        <Stats detail={p.detail} />
        <h1 class="work__title" id="work-title">
          {work.title}
        </h1>
        <p class="work__byline">
          by <Byline creators={creators} />
        </p>
        {p.blocked && (
          <WorkBlockControls work={work} creators={creators} blocked={p.blocked} variant="page" />
        )}
        {atStart && work.summary && (
          <div class="work__summary">
            <h2>Summary:</h2>
            <Html html={work.summary} />
          </div>
        )}
        {atStart && work.notes && (
          <div class="work__notes">
            <h2>Notes:</h2>
            <Html html={work.notes} />
          </div>
        )}
      </div>
      {p.shown.map((c) => (
        <ChapterBody key={c.id} chapter={c} showHeading={multi} workId={work.id} owner={p.owner} />
      ))}
      {atEnd && work.endnotes && (
        <div class="work__endnotes">
          <h2>Notes:</h2>
          <Html html={work.endnotes} />
        </div>
      )}
      <ChapterNav
        workId={work.id}
        chapters={p.chapters}
        current={p.entire ? undefined : first}
        entire={p.entire}
        label="Chapters (end)"
      />
    </article>
  );
}

export function ChapterIndexPage(p: { detail: WorkDetail; chapters: ChapterSummary[] }) {
  const w = p.detail.work;
  return (
    <section class="narrow">
      <h1>
        Chapter index for <a href={workPath(w.id)}>{w.title}</a>
      </h1>
      <p>
        by <Byline creators={p.detail.creators} />
      </p>
      <ol class="chapter-index">
        {p.chapters.map((c) => (
          <li key={c.id}>
            <a href={chapterPath(w.id, c.id)}>{chapterHeading(c)}</a>{" "}
            <span class="muted">({c.posted ? day(c.publishedAt) : "Draft"})</span>
          </li>
        ))}
      </ol>
      <p>
        <a href={`${workPath(w.id)}?view_full_work=true`}>Read the entire work</a>
      </p>
    </section>
  );
}

export function AdultNoticePage(p: { detail: WorkDetail; proceed: string; loggedIn: boolean }) {
  return (
    <section class="narrow adult-notice">
      <h1>This work could have adult content</h1>
      <p>
        <strong>{p.detail.work.title}</strong> is rated{" "}
        <strong>{p.detail.tags.rating[0]?.name ?? "Not Rated"}</strong>. If you go on, you agree that you are
        willing to see such content.
      </p>
      <p class="form-actions">
        <a class="button button--primary" href={p.proceed}>
          Proceed
        </a>
        <a class="button" href="/">
          No, go back
        </a>
      </p>
      {p.loggedIn && (
        <p>
          <a href="/account/preferences">Set your preferences</a> to stop seeing this notice.
        </p>
      )}
    </section>
  );
}

export function DeleteWorkPage(p: { detail: WorkDetail }) {
  const w = p.detail.work;
  return (
    <section class="narrow">
      <h1>Delete {w.title}?</h1>
      <p>
        Deleting a work removes it and all its chapters for good. This can't be undone. If you'd rather keep
        it on the archive without your name, <a href={`${workPath(w.id)}/orphan`}>orphan it</a> instead.
      </p>
      <Form action={`${workPath(w.id)}/delete`}>
        <div class="form-actions">
          <button type="submit" class="button button--danger">
            Yes, delete the work
          </button>
          <a href={workPath(w.id)}>Cancel</a>
        </div>
      </Form>
    </section>
  );
}

export function OrphanWorkPage(p: { detail: WorkDetail }) {
  const w = p.detail.work;
  return (
    <section class="narrow">
      <h1>Orphan {w.title}?</h1>
      <p>
        Orphaning moves your credit for this work to the archive's shared <strong>orphan_account</strong>. The
        work stays on the archive, but you will no longer be able to edit or delete it, and this can't be
        undone.
      </p>
      <Form action={`${workPath(w.id)}/orphan`}>
        <fieldset class="field choices">
          <legend>How should the work be credited?</legend>
          <div class="choices__item">
            <input type="radio" id="field-keep_pseud-no" name="keep_pseud" value="no" checked />
            <label for="field-keep_pseud-no">As “orphan_account”</label>
          </div>
          <div class="choices__item">
            <input type="radio" id="field-keep_pseud-yes" name="keep_pseud" value="yes" />
            <label for="field-keep_pseud-yes">Keep my pseud's name, under orphan_account</label>
          </div>
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="button button--danger">
            Yes, orphan the work
          </button>
          <a href={workPath(w.id)}>Cancel</a>
        </div>
      </Form>
    </section>
  );
}
