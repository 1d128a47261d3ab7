// The advanced search form: every field AO3's work search offers, sent by GET.
import { archiveWarnings, categories, ratings } from "../../tags/fixed-tags.js";
import { languages } from "../../works/languages.js";
import { sortLabels, workSorts } from "../work-filter.js";

function Text(p: { name: string; label: string; hint?: string; autocomplete?: string }) {
  return (
    <p class="field">
      <label>
        {p.label}
        <input type="text" name={p.name} data-autocomplete={p.autocomplete} autocomplete="off" />
      </label>
      {p.hint && <span class="hint">{p.hint}</span>}
    </p>
  );
}

export function AdvancedSearchForm(_p: { values: Record<string, string> }) {
  return (
    <section class="advanced-search">
      <h1>Search works</h1>
      <form method="get" action="/works/search">
        <fieldset>
          <legend>Work info</legend>
          <p class="field">
            <label>
              Any field
              <input type="search" name="q" />
            </label>
            <span class="hint">
              Words all match; "quoted phrases"; -excluded; OR; title:, creator:, tag:, fandom:;
              words&gt;1000, kudos&gt;10, hits&lt;100, sort:kudos.
            </span>
          </p>
          <Text name="title" label="Title" />
          <Text name="creators" label="Creator" />
          <fieldset>
            <legend>Completion status</legend>
            <label>
              <input type="radio" name="complete" value="all" checked /> All works
            </label>
            <label>
              <input type="radio" name="complete" value="complete" /> Complete works only
            </label>
            <label>
              <input type="radio" name="complete" value="wip" /> Works in progress only
            </label>
          </fieldset>
          <fieldset>
            <legend>Crossovers</legend>
            <label>
              <input type="radio" name="crossover" value="include" checked /> Include crossovers
            </label>
            <label>
              <input type="radio" name="crossover" value="exclude" /> Exclude crossovers
            </label>
            <label>
              <input type="radio" name="crossover" value="only" /> Only crossovers
            </label>
          </fieldset>
          <Text name="words" label="Word count" hint="A number, or a range: 1000-5000, >1000, <500." />
          <p class="field">
            <label>
              Language{" "}
              <select name="language">
                <option value="">Any language</option>
                {languages.map((l) => (
                  <option key={l.code} value={l.code}>
                    {l.name}
                  </option>
                ))}
              </select>
            </label>
          </p>
        </fieldset>
        <fieldset>
          <legend>Work tags</legend>
          <Text name="fandoms" label="Fandoms" autocomplete="fandom" />
          <p class="field">
            <label>
              Rating{" "}
              <select name="rating">
                <option value="">Any rating</option>
                {ratings.map((r) => (
                  <option key={r.name} value={r.name}>
                    {r.display}
                  </option>
                ))}
              </select>
            </label>
          </p>
          <fieldset>
            <legend>Warnings</legend>
            {archiveWarnings.map((w) => (
              <label key={w.name}>
                <input type="checkbox" name="warnings" value={w.name} /> {w.display}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Categories</legend>
            {categories.map((c) => (
              <label key={c.name}>
                <input type="checkbox" name="categories" value={c.name} /> {c.display}
              </label>
            ))}
          </fieldset>
          <Text name="characters" label="Characters" autocomplete="character" />
          <Text name="relationships" label="Relationships" autocomplete="relationship" />
          <Text name="freeforms" label="Additional tags" autocomplete="freeform" />
        </fieldset>
        <fieldset>
          <legend>Work stats</legend>
          <Text name="hits" label="Hits" />
          <Text name="kudos" label="Kudos" />
          <Text name="comments" label="Comments" />
          <Text name="bookmarks" label="Bookmarks" />
        </fieldset>
        <fieldset>
          <legend>Search</legend>
          <label>
            Sort by{" "}
            <select name="sort">
              {workSorts.map((s) => (
                <option key={s} value={s} selected={s === "relevance"}>
                  {sortLabels[s]}
                </option>
              ))}
            </select>
          </label>{" "}
          <label>
            Direction{" "}
            <select name="dir">
              <option value="desc">Descending</option>
              <option value="asc">Ascending</option>
            </select>
          </label>
        </fieldset>
        <p>
          <button type="submit">Search</button>
        </p>
      </form>
    </section>
  );
}
