// A work as a listing shows it (AO3's "blurb", with Block buttons for logged-in readers), and a
// listing page with its pagination.
import type { ComponentChildren } from "preact";
import { useBlockedTargets } from "../../blocklist/views/block-button.js";
import { WorkBlockControls } from "../../blocklist/views/work-block-controls.js";
import { chapterCount, type WorkDetail } from "../work.js";
import type { WorkPage } from "../work.queries.js";
import { languageByCode } from "../languages.js";
import { Byline } from "./creators.js";
import { day, seriesPath, workPath } from "./paths.js";
import { RequiredTags, TagLink } from "./tag-groups.js";

export function WorkBlurb(p: { detail: WorkDetail; headingLevel?: 2 | 3; children?: ComponentChildren }) {
  const { work, creators, tags, series } = p.detail;
  const Heading = p.headingLevel === 3 ? "h3" : "h2";
  const listed = [...tags.archive_warning, ...tags.relationship, ...tags.character, ...tags.freeform];
  // What is blocked comes from the listing (one query for the page), never per blurb.
  const blocked = useBlockedTargets();
  return (
    <li class="blurb" id={`work-${work.id}`}>
      <div class="blurb__header">
        <Heading class="blurb__title">
          <a href={workPath(work.id)}>{work.title}</a>
          {!work.posted && <span class="badge">Draft</span>}
          {work.restricted && (
            <span class="badge" title="Only logged-in users can see this work">
              Restricted
            </span>
          )}
        </Heading>
        <p class="blurb__byline">
          by <Byline creators={creators} />
        </p>
        <p class="blurb__fandoms">
          <span class="visually-hidden">Fandoms: </span>
          {tags.fandom.map((t, i) => (
            <span key={t.id}>
              {i > 0 && ", "}
              <TagLink tag={t} />
            </span>
          ))}
        </p>
        <RequiredTags tags={tags} work={work} />
        <p class="blurb__date">{day(work.revisedAt ?? work.updatedAt)}</p>
      </div>
      {listed.length > 0 && (
        <ul class="tag-list blurb__tags" aria-label="Tags">
          {listed.map((t) => (
            <li key={t.id} class={`tag-list__item tag-list__item--${t.type}`}>
              <TagLink tag={t} />
            </li>
          ))}
        </ul>
      )}
      {work.summary && (
        <blockquote class="blurb__summary userstuff" dangerouslySetInnerHTML={{ __html: work.summary }} />
      )}
      {p.children}
      {series.length > 0 && (
        <p class="blurb__series">
          {series.map((s, i) => (
            <span key={s.id}>
              {i > 0 && "; "}Part {s.position} of <a href={seriesPath(s.id)}>{s.title}</a>
            </span>
          ))}
        </p>
      )}
      <dl class="stats">
        <dt>Language:</dt>
        <dd lang={work.language}>{languageByCode(work.language)?.name ?? work.language}</dd>
        <dt>Words:</dt>
        <dd>{work.wordCount.toLocaleString("en")}</dd>
        <dt>Chapters:</dt>
        <dd>{chapterCount(work)}</dd>
        <dt>Hits:</dt>
        <dd>{work.hitCount.toLocaleString("en")}</dd>
      </dl>
      <WorkBlockControls work={work} creators={creators} blocked={blocked} variant="blurb" />
    </li>
  );
}

export function Pagination(p: { page: number; pages: number; path: string }) {
  if (p.pages <= 1) return null;
  const href = (n: number) => `${p.path}${p.path.includes("?") ? "&" : "?"}page=${n}`;
  return (
    <nav class="pagination" aria-label="Pages">
      <ul>
        {p.page > 1 && (
          <li>
            <a href={href(p.page - 1)} rel="prev">
              ← Previous
            </a>
          </li>
        )}
        <li aria-current="page">
          Page {p.page} of {p.pages}
        </li>
        {p.page < p.pages && (
          <li>
            <a href={href(p.page + 1)} rel="next">
              Next →
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** A heading, a count, the blurbs and the pages of a listing. */
export function WorkListing(p: {
  heading: ComponentChildren;
  listing: WorkPage;
  path: string;
  empty: string;
  actions?: ComponentChildren;
}) {
  const { listing } = p;
  const first = (listing.page - 1) * listing.perPage + 1;
  return (
    <section>
      <h1>{p.heading}</h1>
      {p.actions}
      <p class="muted">
        {listing.total === 0
          ? p.empty
          : listing.total === 1
            ? "1 work"
            : `${listing.works.length < listing.total ? `${listing.works.length === 1 ? first : `${first}–${first + listing.works.length - 1}`} of ` : ""}${listing.total.toLocaleString("en")} works`}
      </p>
      <ol class="blurb-list">
        {listing.works.map((d) => (
          <WorkBlurb key={d.work.id} detail={d} />
        ))}
      </ol>
      <Pagination page={listing.page} pages={listing.pages} path={p.path} />
    </section>
  );
}
