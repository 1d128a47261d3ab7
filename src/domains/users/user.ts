// An account, as the rest of Quire sees it.

export interface User {
  id: string;
  username: string;
  email: string;
  isAdmin: boolean;
  createdAt: string;
  passwordChangedAt: string;
}

/** The case-folded key that makes "Alice" and "alice" one username. */
export function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}

/** The case-folded key that makes "A@Example.com" and "a@example.com" one email address. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}
