// Who may do what with a pseud. One line per rule.
import type { Actor } from "../actor.js";
import type { Pseud } from "./pseud.js";

export type PseudAction = "edit" | "delete" | "makeDefault";

/** Only the pseud's own account may change it. */
export function canManagePseud(actor: Actor, _action: PseudAction, pseud: Pseud): boolean {
  return actor.kind === "user" && actor.user.id === pseud.userId;
}
