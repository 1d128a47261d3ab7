// The database's tables as Kysely sees them. Columns are snake_case; repositories map rows to
// camelCase domain objects. Timestamps are ISO-8601 UTC text and booleans are 0/1 integers on both
// dialects (docs/decisions/0002-portable-columns.md).
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

export interface Database {
  users: UsersTable;
  pseuds: PseudsTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  api_tokens: ApiTokensTable;
  throttle_events: ThrottleEventsTable;
  site_secrets: SiteSecretsTable;
}
