// A works listing with its filter sidebar (AO3's "Sort and Filter"): the result count, notes about
// the filters, the blocklist note, the blurbs with matched excerpts, pages that keep the filters,
// and a GET form whose whole state is in the URL.
import type { ComponentChildren } from "preact";
import { tagTypeLabels, type TagType } from "../../tags/tag-types.js";
import { languages } from "../../works/languages.js";
import { Pagination, WorkBlurb } from "../../works/views/blurb.js";
import type { SnippetPart } from "../snippet.js";
import { filterParams, isFiltered, sortLabels, workSorts, type WorkFilter } from "../work-filter.js";
import type { WorkSearchResult } from "../work-search.service.js";

function withParams(path: string, params: URLSearchParams): string {
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

function Snippet(p: { parts: SnippetPart[] }) {
  return (
    <p class="blurb__snippet">
      {p.parts.map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : part.text))}
    </p>
  );
}

function FacetGroup(p: {
  type: TagType;
  tags: { name: string; count: number }[];
  filter: WorkFilter;
  mode: "include" | "exclude";
  /** Excluded tags of any type: those of this group's type stay listed, checked, without works. */
  excludedTags?: { name: string; type: TagType }[];
}) {
  const chosen = p.mode === "include" ? p.filter.include : p.filter.exclude;
  const lower = new Set(chosen.map((n) => n.toLowerCase()));
  // An excluded tag stays listed (and checked) in its own type's group, though no work shown has it.
  const shown = [...p.tags];
  for (const { name, type } of p.excludedTags ?? [])
    if (type === p.type && !shown.some((t) => t.name.toLowerCase() === name.toLowerCase()))
      shown.push({ name, count: 0 });
  if (shown.length === 0) return null;
  return (
    <fieldset class="facet">
      <legend>{tagTypeLabels[p.type].many}</legend>
      <ul class="facet__list">
        {shown.map((t) => (
          <li key={t.name}>
            <label>
              <input type="checkbox" name={p.mode} value={t.name} checked={lower.has(t.name.toLowerCase())} />{" "}
              {t.name} <span class="facet__count">({t.count.toLocaleString("en")})</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function FilterSidebar(p: {
  path: string;
  result: WorkSearchResult;
  filter: WorkFilter;
  hideLanguage?: boolean;
}) {
  const { filter, result } = p;
  const facetNames = new Set(result.facets.flatMap((f) => f.tags.map((t) => t.name.toLowerCase())));
  const otherInclude = filter.include.filter((n) => !facetNames.has(n.toLowerCase()));
  // Excluded tags are checkboxes in their type's group; only names that are no tag stay as text.
  const excludedTagNames = new Set(result.excludedTags.map((t) => t.name.toLowerCase()));
  const otherExclude = filter.exclude.filter(
    (n) => !facetNames.has(n.toLowerCase()) && !excludedTagNames.has(n.toLowerCase()),
  );
  return (
    <form class="filters" method="get" action={p.path} aria-label="Sort and filter">
      <h2>Sort and filter</h2>
      <p>
        <label>
          Sort by{" "}
          <select name="sort">
            {workSorts
              .filter((s) => s !== "relevance" || filter.query)
              .map((s) => (
                <option key={s} value={s} selected={s === result.sort}>
                  {sortLabels[s]}
                </option>
              ))}
          </select>
        </label>{" "}
        <label>
          <span class="visually-hidden">Direction</span>
          <select name="dir">
            <option value="desc" selected={result.direction === "desc"}>
              Descending
            </option>
            <option value="asc" selected={result.direction === "asc"}>
              Ascending
            </option>
          </select>
        </label>
      </p>
      {result.facetsPartial && (
        <p class="muted">This listing is large: the counts below are from part of it.</p>
      )}
      <details open>
        <summary>Include</summary>
        {result.facets.map((f) => (
          <FacetGroup key={f.type} type={f.type} tags={f.tags} filter={filter} mode="include" />
        ))}
        <p>
          <label>
            Other tags to include
            <input
              type="text"
              name="include_other"
              value={otherInclude.join(", ")}
              data-autocomplete="any"
              autocomplete="off"
            />
          </label>
        </p>
      </details>
      <details open={filter.exclude.length > 0}>
        <summary>Exclude</summary>
        {result.facets.map((f) => (
          <FacetGroup
            key={f.type}
            type={f.type}
            tags={f.tags}
            filter={filter}
            mode="exclude"
            excludedTags={result.excludedTags}
          />
        ))}
        <p>
          <label>
            Other tags to exclude
            <input type="text" name="exclude_other" value={otherExclude.join(", ")} autocomplete="off" />
          </label>
        </p>
      </details>
      <details open={isFiltered(filter)}>
        <summary>More options</summary>
        <fieldset>
          <legend>Crossovers</legend>
          {(["include", "exclude", "only"] as const).map((c) => (
            <label key={c}>
              <input type="radio" name="crossover" value={c} checked={filter.crossover === c} />{" "}
              {c === "include"
                ? "Include crossovers"
                : c === "exclude"
                  ? "Exclude crossovers"
                  : "Only crossovers"}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Completion status</legend>
          {(["all", "complete", "wip"] as const).map((c) => (
            <label key={c}>
              <input type="radio" name="complete" value={c} checked={filter.complete === c} />{" "}
              {c === "all"
                ? "All works"
                : c === "complete"
                  ? "Complete works only"
                  : "Works in progress only"}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Word count</legend>
          <label>
            From <input type="number" min="0" name="words_from" value={filter.wordsFrom ?? ""} />
          </label>{" "}
          <label>
            To <input type="number" min="0" name="words_to" value={filter.wordsTo ?? ""} />
          </label>
        </fieldset>
        <fieldset>
          <legend>Date updated</legend>
          <label>
            From <input type="date" name="updated_from" value={filter.updatedFrom ?? ""} />
          </label>{" "}
          <label>
            To <input type="date" name="updated_to" value={filter.updatedTo ?? ""} />
          </label>
        </fieldset>
        {!p.hideLanguage && (
          <p>
            <label>
              Language{" "}
              <select name="language">
                <option value="">Any language</option>
                {languages.map((l) => (
                  <option key={l.code} value={l.code} selected={filter.language === l.code}>
                    {l.name}
                  </option>
                ))}
              </select>
            </label>
          </p>
        )}
      </details>
      <p>
        <label>
          Search within results
          <input type="search" name="q" value={filter.query} maxLength={10_000} />
        </label>
      </p>
      <p class="filters__actions">
        <button type="submit">Sort and filter</button> <a href={p.path}>Clear filters</a>
      </p>
    </form>
  );
}

/** The listing: heading, notes, count, blurbs (with excerpts), pages and the sidebar. */
export function FilteredListing(p: {
  heading: ComponentChildren;
  path: string;
  result: WorkSearchResult;
  filter: WorkFilter;
  empty: string;
  actions?: ComponentChildren;
  hideLanguage?: boolean;
  /** Extra controls under the sidebar (saving the filters). */
  aside?: ComponentChildren;
  /** The reader's default filter was applied: this link shows the listing without it. */
  defaultFilterOff?: string | null;
}) {
  const { result, filter } = p;
  const first = (result.page - 1) * result.perPage + 1;
  const params = filterParams(filter);
  const showBlocked = new URLSearchParams(params);
  showBlocked.set("show_blocked", "1");
  return (
    <div class="listing-with-filters">
      <section class="listing-with-filters__results">
        <h1>{p.heading}</h1>
        {p.actions}
        {(result.problems.length > 0 || result.notes.length > 0) && (
          <div class="notice notice--warning" role="status">
            <ul>
              {result.problems.map((problem) => (
                <li key={problem.param} data-param={problem.param}>
                  {problem.message}
                </li>
              ))}
              {result.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
              {p.defaultFilterOff && (
                <li>
                  <a href={p.defaultFilterOff}>Show this listing without it</a>
                </li>
              )}
            </ul>
          </div>
        )}
        <p class="muted listing-count">
          {result.total === 0
            ? isFiltered(filter)
              ? "No works match these filters."
              : result.blocked > 0
                ? "No works to show."
                : p.empty
            : result.total === 1
              ? "1 work"
              : `${result.works.length > 0 && result.works.length < result.total ? `${result.works.length === 1 ? first : `${first}–${first + result.works.length - 1}`} of ` : ""}${result.total.toLocaleString("en")} works`}
          {result.blocked > 0 && (
            <>
              {" "}
              · {result.blocked.toLocaleString("en")} {result.blocked === 1 ? "work" : "works"} hidden by your
              blocklist (<a href={withParams(p.path, showBlocked)}>show them this once</a>)
            </>
          )}
          {filter.showBlocked && <> · Showing works your blocklist would hide.</>}
        </p>
        <ol class="blurb-list">
          {result.works.map((d) => (
            <WorkBlurb key={d.work.id} detail={d}>
              {result.snippets.has(d.work.id) && <Snippet parts={result.snippets.get(d.work.id)!} />}
            </WorkBlurb>
          ))}
        </ol>
        <Pagination page={result.page} pages={result.pages} path={withParams(p.path, params)} />
      </section>
      <aside class="listing-with-filters__sidebar">
        <FilterSidebar path={p.path} result={result} filter={filter} hideLanguage={p.hideLanguage} />
        {p.aside}
      </aside>
    </div>
  );
}
