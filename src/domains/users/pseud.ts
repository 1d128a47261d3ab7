// A pseud: a pen name of one account. Works are credited to pseuds.

export interface Pseud {
  id: string;
  userId: string;
  name: string;
  description: string;
  isDefault: boolean;
  createdAt: string;
}

/** The case-folded key that makes pseud names unique per account. */
export function pseudNameKey(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
}
