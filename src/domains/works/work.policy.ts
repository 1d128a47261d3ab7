// Who may change a work: its creators. Admins read everything but don't edit other people's works.
import type { Actor } from "../actor.js";
import type { Creator } from "./work.js";
import { isCreator } from "./work.visibility.js";

export type WorkAction = "edit" | "delete" | "orphan" | "addChapter";

export function canManageWork(actor: Actor, _action: WorkAction, creators: readonly Creator[]): boolean {
  return isCreator(actor, creators);
}
