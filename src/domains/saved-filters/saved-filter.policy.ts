// Who may do what with a saved filter. One line per rule.
import type { Actor } from "../actor.js";
import type { SavedFilter } from "./saved-filter.js";

/** Only the account that saved a filter may see, change or delete it. */
export function canManageSavedFilter(actor: Actor, savedFilter: SavedFilter): boolean {
  return actor.kind === "user" && actor.user.id === savedFilter.userId;
}
