// A work's tags grouped by type in AO3's order, and the four "required tags" symbols of a blurb.
import { fixedTagByName } from "../../tags/fixed-tags.js";
import { tagTypeLabels, tagTypes } from "../../tags/tag-types.js";
import { languageByCode } from "../languages.js";
import type { TagsByType, Work, WorkTag } from "../work.js";
import { tagWorksPath } from "./paths.js";

export function tagDisplay(tag: WorkTag): string {
  return tag.type === "rating" || tag.type === "archive_warning" || tag.type === "category"
    ? (fixedTagByName(tag.type, tag.name)?.display ?? tag.name)
    : tag.name;
}

export function TagLink(p: { tag: WorkTag }) {
  return (
    <a class="tag" href={tagWorksPath(p.tag.name)}>
      {tagDisplay(p.tag)}
    </a>
  );
}

/** The tag groups of a work page's preface, for a description list (<dl class="work-meta">). */
export function TagGroups(p: { tags: TagsByType; language: string }) {
  return (
    <>
      {tagTypes.map((type) => {
        const list = p.tags[type];
        if (list.length === 0) return null;
        return (
          <div class={`work-meta__group work-meta__group--${type}`} key={type}>
            <dt>{list.length === 1 ? tagTypeLabels[type].one : tagTypeLabels[type].many}:</dt>
            <dd>
              <ul class="tag-list">
                {list.map((tag) => (
                  <li key={tag.id}>
                    <TagLink tag={tag} />
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        );
      })}
      <div class="work-meta__group">
        <dt>Language:</dt>
        <dd lang={p.language}>{languageByCode(p.language)?.name ?? p.language}</dd>
      </div>
    </>
  );
}

/** Rating, warning, category and completion, as short labelled symbols. */
export function RequiredTags(p: { tags: TagsByType; work: Work }) {
  const rating = p.tags.rating[0];
  const ratingTag = rating && fixedTagByName("rating", rating.name);
  const warnings = p.tags.archive_warning.map((t) => t.name);
  const warning = warnings.some(
    (w) => w !== "No Archive Warnings Apply" && w !== "Choose Not To Use Archive Warnings",
  )
    ? { code: "warn", label: "Archive warnings apply" }
    : warnings.includes("Choose Not To Use Archive Warnings")
      ? { code: "choose-not", label: "Creator chose not to use archive warnings" }
      : { code: "none", label: "No archive warnings apply" };
  const cats = p.tags.category.map((t) => t.name);
  const category =
    cats.length === 0
      ? { code: "none", label: "No category" }
      : cats.length > 1
        ? { code: "multi", label: cats.join(", ") }
        : { code: fixedTagByName("category", cats[0]!)?.symbol ?? "other", label: cats[0]! };
  const status = p.work.complete
    ? { code: "complete", label: "Complete Work" }
    : { code: "wip", label: "Work in Progress" };
  return (
    <ul class="required-tags" aria-label="Required tags">
      <li
        class={`required-tags__rating required-tags__rating--${ratingTag?.symbol ?? "NR"}`}
        title={rating?.name}
      >
        <span aria-hidden="true">{ratingTag?.symbol ?? "?"}</span>
        <span class="visually-hidden">Rating: {rating?.name ?? "Not Rated"}</span>
      </li>
      <li class={`required-tags__warning required-tags__warning--${warning.code}`} title={warning.label}>
        <span aria-hidden="true">
          {warning.code === "warn" ? "!" : warning.code === "choose-not" ? "?" : "–"}
        </span>
        <span class="visually-hidden">{warning.label}</span>
      </li>
      <li class={`required-tags__category required-tags__category--${category.code}`} title={category.label}>
        <span aria-hidden="true">
          {category.code === "none" ? "–" : category.code === "multi" ? "∗" : category.label}
        </span>
        <span class="visually-hidden">Category: {category.label}</span>
      </li>
      <li class={`required-tags__status required-tags__status--${status.code}`} title={status.label}>
        <span aria-hidden="true">{p.work.complete ? "✓" : "…"}</span>
        <span class="visually-hidden">{status.label}</span>
      </li>
    </ul>
  );
}
