// "Block this work" / "Block this creator" / "Block this tag": a one-button form that adds the
// target to the reader's blocklist and comes back to `returnTo`. Shown to logged-in readers only.
import { Form } from "../../../http/views/form.js";
import { usePage } from "../../../http/views/page-context.js";
import type { BlockKind } from "../blocklist.js";

export interface BlockButtonProps {
  /** "tag", "user" (a creator) or "work". */
  kind: BlockKind;
  /** The tag's name, the creator's username, or the work's id. */
  target: string;
  /** The path on this site to come back to afterwards (the page the button is on). */
  returnTo: string;
  /** Says what is blocked to screen readers ("Block this work" → "… (Title)"); the target's name by default. */
  label?: string;
}

const texts: Record<BlockKind, string> = {
  tag: "Block this tag",
  user: "Block this creator",
  work: "Block this work",
};

export function BlockButton(p: BlockButtonProps) {
  const { actor } = usePage();
  if (actor.kind !== "user") return null;
  const label = p.label ?? (p.kind === "work" ? undefined : p.target);
  return (
    <Form action="/account/blocklist" class="inline-form block-button">
      <input type="hidden" name="kind" value={p.kind} />
      <input type="hidden" name={p.kind === "work" ? "work_id" : "name"} value={p.target} />
      <input type="hidden" name="return_to" value={p.returnTo} />
      <button type="submit" class="link-button">
        {texts[p.kind]}
        {label && <span class="visually-hidden"> ({label})</span>}
      </button>
    </Form>
  );
}
