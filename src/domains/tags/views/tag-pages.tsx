// A tag's page (its type, wrangling status, synonyms, meta and sub tags, parents and children, and
// a link to its works), the admins' wrangling forms on it, and the tag search page.
import type { ComponentChildren } from "preact";
import type { FieldErrors } from "../../../lib/errors.js";
import { ErrorSummary, Field, Form, Submit } from "../../../http/views/form.js";
import { fixedTagByName } from "../fixed-tags.js";
import type { Tag } from "../tag.js";
import { tagToParam } from "../tag-name.js";
import type { TagPageData, TagSearchResult } from "../tag.queries.js";
import { statusOf } from "../tag.queries.js";
import type { TagSearchInput } from "../tag-search.js";
import { tagTypeLabels, tagTypes, userDefinedTagTypes, type TagType } from "../tag-types.js";
import { parentTypesOf } from "../wrangling.js";

export const tagPath = (name: string) => `/tags/${tagToParam(name)}`;
export const tagWorksPath = (name: string) => `${tagPath(name)}/works`;
export const wranglePath = (name: string, action: string) => `/admin/tags/${tagToParam(name)}/${action}`;

const statusLabels = { canonical: "Canonical", synonym: "Synonym", unwrangled: "Not wrangled" } as const;

function displayName(tag: Tag): string {
  return tag.type === "rating" || tag.type === "archive_warning" || tag.type === "category"
    ? (fixedTagByName(tag.type, tag.name)?.display ?? tag.name)
    : tag.name;
}

function TagLinks(p: { tags: Tag[]; label: string }) {
  return (
    <ul class="tag-list" aria-label={p.label}>
      {p.tags.map((t) => (
        <li key={t.id}>
          <a class="tag" href={tagPath(t.name)}>
            {displayName(t)}
          </a>
        </li>
      ))}
    </ul>
  );
}

function worksLine(count: number): string {
  return count === 1 ? "1 work" : `${count.toLocaleString("en")} works`;
}

/** What the admins' forms on a tag page show again after a refusal. */
export interface WranglingFormState {
  values: Record<string, string>;
  errors: FieldErrors;
}

export function TagPage(p: { data: TagPageData; wrangling?: WranglingFormState | undefined }) {
  const { tag, merger } = p.data;
  const status = statusOf(tag);
  const childTypes = tagTypes.filter((type) => p.data.children.some((c) => c.type === type));
  return (
    <section>
      <h1>{displayName(tag)}</h1>
      <dl class="facts">
        <dt>Type</dt>
        <dd>{tagTypeLabels[tag.type].one}</dd>
        <dt>Status</dt>
        <dd>{statusLabels[status]}</dd>
      </dl>
      {status === "canonical" && (
        <p>
          This tag is canonical: works tagged with it or with any of its synonyms and sub tags are found under
          it.
        </p>
      )}
      {merger && (
        <p class="lede">
          This tag belongs to <a href={tagPath(merger.name)}>{displayName(merger)}</a>. It is a synonym, and
          its works are found under <a href={tagWorksPath(merger.name)}>{displayName(merger)}</a>.
        </p>
      )}
      {status === "unwrangled" && (
        <p>This tag has not been wrangled yet: it is not canonical, nor a synonym of a canonical tag.</p>
      )}
      {p.data.worksCount !== undefined && (
        <p>
          <a href={tagWorksPath(tag.name)}>
            {p.data.worksCount === 0 ? "No works yet" : worksLine(p.data.worksCount)} in {displayName(tag)}
          </a>
        </p>
      )}
      {p.data.parents.length > 0 && (
        <>
          <h2>Parent tags</h2>
          <TagLinks tags={p.data.parents} label="Parent tags" />
        </>
      )}
      {p.data.synonyms.length > 0 && (
        <>
          <h2>Synonyms</h2>
          <TagLinks tags={p.data.synonyms} label="Synonyms" />
        </>
      )}
      {p.data.metaTags.length > 0 && (
        <>
          <h2>Meta tags</h2>
          <TagLinks tags={p.data.metaTags} label="Meta tags" />
        </>
      )}
      {p.data.subTags.length > 0 && (
        <>
          <h2>Sub tags</h2>
          <TagLinks tags={p.data.subTags} label="Sub tags" />
        </>
      )}
      {childTypes.map((type) => (
        <div key={type}>
          <h2>{tagTypeLabels[type].many}</h2>
          <TagLinks tags={p.data.children.filter((c) => c.type === type)} label={tagTypeLabels[type].many} />
        </div>
      ))}
      {p.wrangling && <WranglingForms data={p.data} state={p.wrangling} />}
      <p>
        <a href="/tags/search">Search tags</a>
      </p>
    </section>
  );
}

/** A text field for one tag name, with suggestions of `tagType` when scripts run. */
function TagNameField(p: {
  name: string;
  label: string;
  tagType: TagType;
  value: string | undefined;
  error: string | undefined;
  hint: string;
}) {
  const id = `field-${p.name}`;
  return (
    <div class={`field${p.error ? " field--invalid" : ""}`}>
      <label for={id}>{p.label}</label>
      <p class="field__hint" id={`${id}-hint`}>
        {p.hint}
      </p>
      {p.error && (
        <p class="field__error" id={`${id}-error`}>
          {p.error}
        </p>
      )}
      <input
        type="text"
        id={id}
        name={p.name}
        value={p.value ?? ""}
        autocomplete="off"
        data-autocomplete={p.tagType}
        aria-invalid={p.error ? "true" : undefined}
        aria-describedby={[`${id}-hint`, p.error ? `${id}-error` : ""].filter(Boolean).join(" ")}
      />
    </div>
  );
}

/** A list of linked tags, each with a button that posts `field`=its name to `action`. */
function RemovableTags(p: { tags: Tag[]; action: string; field: string; label: string }) {
  return (
    <ul class="manage-list" aria-label={p.label}>
      {p.tags.map((t) => (
        <li key={t.id}>
          <a class="tag" href={tagPath(t.name)}>
            {t.name}
          </a>{" "}
          <Form action={p.action} class="inline-form">
            <input type="hidden" name={p.field} value={t.name} />
            <button type="submit" class="link-button">
              Remove<span class="visually-hidden"> {t.name}</span>
            </button>
          </Form>
        </li>
      ))}
    </ul>
  );
}

function WranglingForms(p: { data: TagPageData; state: WranglingFormState }) {
  const { tag, merger } = p.data;
  const v = p.state.values;
  const e = p.state.errors;
  const name = tag.name;
  const parentTypes = parentTypesOf[tag.type];
  let body: ComponentChildren;
  if (!userDefinedTagTypes.includes(tag.type)) {
    body = <p>Ratings, warnings and categories are fixed and can't be wrangled.</p>;
  } else {
    body = (
      <>
        <h3>Canonical</h3>
        <Form action={wranglePath(name, "canonical")}>
          <Field
            name="canonical"
            type="checkbox"
            label="Canonical: works are found under this tag"
            checked={"canonical" in v ? v.canonical === "on" : tag.canonical}
            error={e.canonical}
          />
          <Submit>Save</Submit>
        </Form>

        <h3>Synonym</h3>
        {merger && (
          <>
            <p>
              A synonym of <a href={tagPath(merger.name)}>{merger.name}</a>.
            </p>
            <Form action={wranglePath(name, "synonym/remove")} class="inline-form">
              <Submit kind="danger">Remove from {merger.name}</Submit>
            </Form>
          </>
        )}
        {tag.canonical ? (
          <p class="muted">A canonical tag can't be a synonym.{e.synonym_of ? ` ${e.synonym_of}` : ""}</p>
        ) : (
          <Form action={wranglePath(name, "synonym")}>
            <TagNameField
              name="synonym_of"
              label={merger ? "Make a synonym of another tag" : "Make a synonym of"}
              tagType={tag.type}
              value={v.synonym_of}
              error={e.synonym_of}
              hint={`A canonical ${tagTypeLabels[tag.type].one.toLowerCase()} tag.`}
            />
            <Submit>Make synonym</Submit>
          </Form>
        )}

        <h3>Meta tags</h3>
        {p.data.metaTags.length > 0 && (
          <RemovableTags
            tags={p.data.metaTags}
            action={wranglePath(name, "meta/remove")}
            field="meta_tag"
            label="Meta tags"
          />
        )}
        {tag.canonical ? (
          <Form action={wranglePath(name, "meta")}>
            <TagNameField
              name="meta_tag"
              label="Add a meta tag"
              tagType={tag.type}
              value={v.meta_tag}
              error={e.meta_tag}
              hint={`A canonical ${tagTypeLabels[tag.type].one.toLowerCase()} tag above this one.`}
            />
            <Submit>Add meta tag</Submit>
          </Form>
        ) : (
          <p class="muted">Only canonical tags have meta tags.{e.meta_tag ? ` ${e.meta_tag}` : ""}</p>
        )}

        <h3>Parent tags</h3>
        {parentTypes.length === 0 ? (
          <p class="muted">{tagTypeLabels[tag.type].many} have no parent tags.</p>
        ) : (
          <>
            {p.data.parents.length > 0 && (
              <RemovableTags
                tags={p.data.parents}
                action={wranglePath(name, "parents/remove")}
                field="parent"
                label="Parent tags"
              />
            )}
            <Form action={wranglePath(name, "parents")}>
              <TagNameField
                name="parent"
                label="Add a parent tag"
                tagType={parentTypes[0]!}
                value={v.parent}
                error={e.parent}
                hint={`A canonical ${parentTypes.map((t) => tagTypeLabels[t].one.toLowerCase()).join(" or ")} tag.`}
              />
              <Submit>Add parent tag</Submit>
            </Form>
          </>
        )}
      </>
    );
  }
  return (
    <section aria-labelledby="wrangling-heading" class="form-section">
      <h2 id="wrangling-heading">Wrangle this tag</h2>
      <ErrorSummary errors={p.state.errors} />
      {body}
    </section>
  );
}

function Choice(p: {
  name: string;
  label: string;
  value: string;
  options: [string, string][];
  error?: string;
}) {
  const id = `field-${p.name}`;
  return (
    <div class={`field${p.error ? " field--invalid" : ""}`}>
      <label for={id}>{p.label}</label>
      {p.error && (
        <p class="field__error" id={`${id}-error`}>
          {p.error}
        </p>
      )}
      <select id={id} name={p.name} aria-describedby={p.error ? `${id}-error` : undefined}>
        {p.options.map(([value, label]) => (
          <option key={value} value={value} selected={value === p.value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The address of a search with the same criteria on page `page`. */
function searchPath(values: TagSearchInput["values"], page: number): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== "") query.set(key, value);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `/tags/search?${text}` : "/tags/search";
}

export function TagSearchPage(p: { input: TagSearchInput; result: TagSearchResult }) {
  const { values, notices } = p.input;
  const { result } = p;
  const first = (result.page - 1) * result.perPage + 1;
  return (
    <section>
      <h1>Search tags</h1>
      <ErrorSummary errors={notices} message="Some of your choices were ignored" />
      <form method="get" action="/tags/search" class="form-section">
        <Field name="name" label="Name" value={values.name} hint="Part of the tag's name, in any case." />
        <Choice
          name="type"
          label="Type"
          value={values.type}
          options={[["", "Any type"], ...tagTypes.map((t): [string, string] => [t, tagTypeLabels[t].one])]}
          {...(notices.type ? { error: notices.type } : {})}
        />
        <Choice
          name="status"
          label="Wrangling status"
          value={values.status}
          options={[
            ["any", "Any"],
            ["canonical", "Canonical"],
            ["synonym", "Synonym"],
            ["unwrangled", "Not wrangled"],
          ]}
          {...(notices.status ? { error: notices.status } : {})}
        />
        <Choice
          name="sort"
          label="Sort by"
          value={values.sort}
          options={[
            ["name", "Name"],
            ["uses", "Uses"],
          ]}
          {...(notices.sort ? { error: notices.sort } : {})}
        />
        <button type="submit" class="button button--primary">
          Search tags
        </button>
      </form>
      <h2>Results</h2>
      <p class="muted">
        {result.total === 0
          ? "No tags found."
          : result.tags.length === 0
            ? `${result.total.toLocaleString("en")} tags found; this page is past the last one.`
            : `${first}–${first + result.tags.length - 1} of ${result.total.toLocaleString("en")} ${result.total === 1 ? "tag" : "tags"}`}
      </p>
      {result.tags.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">Uses</th>
              </tr>
            </thead>
            <tbody>
              {result.tags.map((t) => (
                <tr key={t.id} class="tag-result">
                  <td>
                    <a href={tagPath(t.name)}>{displayName(t)}</a>
                  </td>
                  <td>{tagTypeLabels[t.type].one}</td>
                  <td>{statusLabels[statusOf(t)]}</td>
                  <td>{t.uses.toLocaleString("en")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.pages > 1 && (
        <nav class="pagination" aria-label="Pages">
          <ul>
            {result.page > 1 && (
              <li>
                <a href={searchPath(values, Math.min(result.page - 1, result.pages))} rel="prev">
                  ← Previous
                </a>
              </li>
            )}
            <li aria-current="page">
              Page {result.page} of {result.pages}
            </li>
            {result.page < result.pages && (
              <li>
                <a href={searchPath(values, result.page + 1)} rel="next">
                  Next →
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </section>
  );
}
