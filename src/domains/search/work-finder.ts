// Keeps this process's WorkIndex true to the database. It is loaded from the database at the first
// listing, then follows the work_changes log: before every listing it applies the changes since
// the last one (one indexed query when nothing changed), so a reader always sees their own writes
// and every process sees everyone's. On PostgreSQL a change numbered earlier may commit later than
// one numbered after it, so numbers skipped on the way are asked for again for a while.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { filterTagsInRange, filterTagsOfDocs } from "../tags/filter-tagging.repo.js";
import { tagTypesAfter } from "../tags/tag.repo.js";
import { tagTypes, type TagType } from "../tags/tag-types.js";
import { lastWorkDoc, listedWorkIndexRows, workIndexRows, type WorkIndexRow } from "../works/work.repo.js";
import { changesAfter, lastChangeBefore } from "./work-change.repo.js";
import { WorkIndex, type IndexedWork } from "./work-index.js";

/** A change number not seen yet is waited for this long (a transaction still open elsewhere). */
const GAP_WAIT_MS = 30_000;
/** More changes than this at once: reload everything instead. */
const RELOAD_AFTER = 50_000;
const LOAD_CHUNK = 50_000;
const STALE_AFTER_MS = 12 * 3_600_000;

export function tagTypeNumber(type: string): number {
  return tagTypes.indexOf(type as TagType);
}

export interface FinderStats {
  works: number;
  loadedAt: Date | null;
  loadMs: number;
  lastChange: number;
}

export class WorkFinder {
  /** More changes than this at once: load everything again instead. */
  private readonly reloadAfter: number;
  private index = new WorkIndex();
  private lastSeq = 0;
  private readonly gaps = new Map<number, number>();
  private loaded = false;
  private loadMs = 0;
  private loadedAt: Date | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private knownTagNum = 0;
  private syncedAt = 0;

  constructor(options: { reloadAfter?: number } = {}) {
    this.reloadAfter = options.reloadAfter ?? RELOAD_AFTER;
  }

  /** The index, brought up to date with the database first. */
  async current(db: Kysely<Database>): Promise<WorkIndex> {
    await this.sync(db);
    return this.index;
  }

  stats(): FinderStats {
    return {
      works: this.index.count,
      loadedAt: this.loadedAt,
      loadMs: this.loadMs,
      lastChange: this.lastSeq,
    };
  }

  /**
   * Applies the changes since the last sync (loading everything the first time). A caller arriving
   * while a sync runs gets the next one, which starts when that ends, so it sees what was committed
   * before it asked; callers arriving together share it.
   */
  sync(db: Kysely<Database>): Promise<void> {
    if (this.queued) return this.queued;
    const previous = this.running ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        this.queued = null;
        this.running = next;
        try {
          // The log keeps a day (pruneChanges); an index idle for half of that reloads instead.
          if (this.loaded && Date.now() - this.syncedAt > STALE_AFTER_MS) this.loaded = false;
          await (this.loaded ? this.applyChanges(db) : this.load(db));
          this.syncedAt = Date.now();
        } finally {
          if (this.running === next) this.running = null;
        }
      });
    this.queued = next;
    return next;
  }

  private async load(db: Kysely<Database>): Promise<void> {
    const started = performance.now();
    const index = new WorkIndex();
    // The log's position first: changes made while loading are applied again afterwards. It is
    // taken from before the gap wait, not the newest change: on PostgreSQL a transaction may hold an
    // earlier number than the newest and still be open, and what it changes would be missed after
    // a load that started beyond it. Applying a change again only reads its work again.
    const seq = await lastChangeBefore(db, new Date(Date.now() - GAP_WAIT_MS).toISOString());
    const knownTagNum = await this.loadTagTypes(db, index, 0);
    const last = await lastWorkDoc(db);
    for (let after = 0; after < last; after += LOAD_CHUNK) {
      const through = after + LOAD_CHUNK;
      const [rows, tags] = await Promise.all([
        listedWorkIndexRows(db, after, through),
        filterTagsInRange(db, after, through),
      ]);
      for (const row of rows) index.put(indexedWork(row, tags.get(row.doc) ?? []));
    }
    this.index = index;
    this.knownTagNum = knownTagNum;
    this.lastSeq = seq;
    this.gaps.clear();
    this.loaded = true;
    this.loadedAt = new Date();
    this.loadMs = performance.now() - started;
    await this.applyChanges(db, false);
  }

  private async loadTagTypes(db: Kysely<Database>, index: WorkIndex, after: number): Promise<number> {
    let last = after;
    for (;;) {
      const rows = await tagTypesAfter(db, last, 10_000);
      for (const row of rows) index.setTagType(row.num, tagTypeNumber(row.type));
      if (rows.length < 10_000) return rows.at(-1)?.num ?? last;
      last = rows.at(-1)!.num;
    }
  }

  /**
   * Applies the changes since the last one applied. With `reload`, too many at once load the whole
   * index again instead; right after a load (which starts 30 s back) they are applied in batches.
   */
  private async applyChanges(db: Kysely<Database>, reload = true): Promise<void> {
    const now = Date.now();
    for (const [seq, since] of this.gaps) if (now - since > GAP_WAIT_MS) this.gaps.delete(seq);
    const changes = await changesAfter(db, this.lastSeq, [...this.gaps.keys()], this.reloadAfter + 1);
    if (changes.length === 0) return;
    if (changes.length > this.reloadAfter && reload) {
      this.loaded = false;
      await this.load(db);
      return;
    }
    for (const change of changes) {
      if (this.gaps.delete(change.seq)) continue;
      for (let missing = this.lastSeq + 1; missing < change.seq; missing++) this.gaps.set(missing, now);
      this.lastSeq = Math.max(this.lastSeq, change.seq);
    }
    // New tags (from the works that changed) need their types for facets.
    this.knownTagNum = await this.loadTagTypes(db, this.index, this.knownTagNum);
    const docs = [...new Set(changes.map((c) => c.doc))];
    for (let i = 0; i < docs.length; i += 500) {
      const batch = docs.slice(i, i + 500);
      const [rows, tags] = await Promise.all([workIndexRows(db, batch), filterTagsOfDocs(db, batch)]);
      const found = new Map(rows.map((r) => [r.doc, r]));
      for (const doc of batch) {
        const row = found.get(doc);
        if (row && row.posted === 1 && row.hidden_by_admin === 0)
          this.index.put(indexedWork(row, tags.get(doc) ?? []));
        else this.index.remove(doc);
      }
    }
    if (changes.length > this.reloadAfter) await this.applyChanges(db, false);
  }
}

function time(iso: string | null): number {
  return iso ? Date.parse(iso) || 0 : 0;
}

function indexedWork(row: WorkIndexRow, tags: number[]): IndexedWork {
  return {
    doc: row.doc,
    restricted: row.restricted === 1,
    complete: row.complete === 1,
    crossover: row.crossover === 1,
    language: row.language,
    revisedAt: time(row.revised_at),
    publishedAt: time(row.published_at),
    words: row.word_count,
    kudos: row.kudos_count,
    hits: row.hit_count,
    comments: row.comment_count,
    bookmarks: row.bookmark_count,
    titleKey: row.title_sort,
    creatorKey: row.creator_name ?? "",
    tags,
  };
}
