// The database's tables as Kysely sees them. Columns are snake_case; repositories map rows to
// camelCase domain objects. Timestamps are ISO-8601 UTC text and booleans are 0/1 integers on both
// dialects (docs/decisions/0002-portable-columns.md).
import type { Generated } from "kysely";

export interface UsersTable {
  id: string;
  username: string;
  username_key: string;
  email: string;
  email_key: string;
  password_hash: string;
  is_admin: number;
  created_at: string;
  updated_at: string;
  password_changed_at: string;
  terms_accepted_at: string;
}

export interface PseudsTable {
  id: string;
  user_id: string;
  name: string;
  name_key: string;
  description: string;
  is_default: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  remember: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_agent: string;
}

export interface PasswordResetsTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  token_hint: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface ThrottleEventsTable {
  id: string;
  bucket: string;
  subject: string;
  created_at: string;
}

export interface SiteSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

export interface TagsTable {
  id: string;
  name: string;
  name_key: string;
  sort_name: string;
  type: string;
  canonical: number;
  merger_id: string | null;
  adult: number;
  created_at: string;
  updated_at: string;
  /** A small number for the work index and filter_taggings; the database assigns it. */
  num: Generated<number>;
}

export interface WorksTable {
  id: string;
  title: string;
  title_sort: string;
  summary: string;
  summary_sv: number;
  notes: string;
  notes_sv: number;
  endnotes: string;
  endnotes_sv: number;
  language: string;
  /** null: the creator doesn't know yet ("?"). */
  expected_chapters: number | null;
  posted_chapters: number;
  complete: number;
  /** 0: a draft. */
  posted: number;
  restricted: number;
  comment_permissions: string;
  backdated: number;
  published_at: string | null;
  revised_at: string | null;
  word_count: number;
  hit_count: number;
  major_version: number;
  minor_version: number;
  created_at: string;
  updated_at: string;
  /** A small number for the work index, filter_taggings and search; the database assigns it. */
  doc: Generated<number>;
  hidden_by_admin: Generated<number>;
  kudos_count: Generated<number>;
  comment_count: Generated<number>;
  bookmark_count: Generated<number>;
  /** 1 when the work's fandoms are unrelated (AO3's crossover rule); kept with its filter set. */
  crossover: Generated<number>;
}

export interface CreatorshipsTable {
  work_id: string;
  pseud_id: string;
  position: number;
}

export interface ChaptersTable {
  id: string;
  work_id: string;
  position: number;
  title: string;
  summary: string;
  summary_sv: number;
  notes: string;
  notes_sv: number;
  endnotes: string;
  endnotes_sv: number;
  content: string;
  content_sv: number;
  posted: number;
  published_at: string | null;
  word_count: number;
  created_at: string;
  updated_at: string;
}

export interface WorkTagsTable {
  work_id: string;
  tag_id: string;
  position: number;
}

export interface SeriesTable {
  id: string;
  title: string;
  summary: string;
  summary_sv: number;
  notes: string;
  notes_sv: number;
  complete: number;
  created_at: string;
  updated_at: string;
}

export interface SeriesCreatorshipsTable {
  series_id: string;
  pseud_id: string;
}

export interface SerialWorksTable {
  series_id: string;
  work_id: string;
  position: number;
}

export interface WorkHitsTable {
  work_id: string;
  day: string;
  visitor: string;
}

export interface PreferencesTable {
  user_id: string;
  view_adult: number;
  view_full_works: number;
  updated_at: string;
}

export interface ImportsTable {
  id: string;
  user_id: string;
  work_id: string;
  /** SHA-256 (hex) of the imported file's bytes; unique per account. */
  content_hash: string;
  file_name: string;
  format: string;
  source: string;
  /** JSON: the tags inferred from the text and where the title came from (the review form). */
  suggestions: string;
  /** The part of its series the file said it was, if it named one. */
  series_part: number | null;
  created_at: string;
}

export interface MetaTaggingsTable {
  meta_id: string;
  sub_id: string;
}

export interface TagParentsTable {
  child_id: string;
  parent_id: string;
}

export interface FilterTaggingsTable {
  doc: number;
  tag_num: number;
  /** 1 when the tag comes from a meta tag, not from the work's own tags. */
  inherited: number;
}

export interface WorkChangesTable {
  seq: Generated<number>;
  doc: number;
  changed_at: string;
}

export interface SavedFiltersTable {
  id: string;
  user_id: string;
  name: string;
  name_key: string;
  /** The listing's query string (without page), as in its URL. */
  query: string;
  is_default: number;
  created_at: string;
  updated_at: string;
}

export interface BlocklistEntriesTable {
  user_id: string;
  /** "tag", "user" (a creator) or "work". */
  kind: string;
  target_id: string;
  created_at: string;
}

export interface Database {
  users: UsersTable;
  pseuds: PseudsTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  api_tokens: ApiTokensTable;
  throttle_events: ThrottleEventsTable;
  site_secrets: SiteSecretsTable;
  tags: TagsTable;
  works: WorksTable;
  creatorships: CreatorshipsTable;
  chapters: ChaptersTable;
  work_tags: WorkTagsTable;
  series: SeriesTable;
  series_creatorships: SeriesCreatorshipsTable;
  serial_works: SerialWorksTable;
  work_hits: WorkHitsTable;
  preferences: PreferencesTable;
  imports: ImportsTable;
  meta_taggings: MetaTaggingsTable;
  tag_parents: TagParentsTable;
  filter_taggings: FilterTaggingsTable;
  work_changes: WorkChangesTable;
  saved_filters: SavedFiltersTable;
  blocklist_entries: BlocklistEntriesTable;
}
