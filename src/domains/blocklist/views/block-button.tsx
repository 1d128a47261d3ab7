// "Block this work" / "Block this creator" / "Block this tag": a one-button form that adds the
// target to the reader's blocklist and comes back to `returnTo`; once the target is blocked, the
// state and an Unblock button instead. Shown to logged-in readers only, and works without script.
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { Form } from "../../../http/views/form.js";
import { usePage } from "../../../http/views/page-context.js";
import type { BlockKind, BlockedTargets } from "../blocklist.js";

export interface BlockButtonProps {
  /** "tag", "user" (a creator) or "work". */
  kind: BlockKind;
  /** The tag's name, the creator's username, or the work's id. */
  target: string;
  /** The path on this site to come back to afterwards (the page the button is on). */
  returnTo: string;
  /**
   * Says what is blocked to screen readers ("Block this work" → "… (Title)"); by default the
   * target's name, unless `text` names it already.
   */
  label?: string | undefined;
  /** The button's visible text; "Block this work" (… creator, … tag) by default. */
  text?: string | undefined;
  /**
   * The target's id (tag, user or work id) when it is on the reader's blocklist already: the
   * button gives way to `blockedText` and an Unblock button that takes it off again.
   */
  blockedId?: string | undefined;
  /** What a blocked target shows; "You blocked this work" (… creator, … tag) by default. */
  blockedText?: string | undefined;
}

const texts: Record<BlockKind, string> = {
  tag: "Block this tag",
  user: "Block this creator",
  work: "Block this work",
};

const blockedTexts: Record<BlockKind, string> = {
  tag: "You blocked this tag",
  user: "You blocked this creator",
  work: "You blocked this work",
};

function Hidden(p: { label: string | undefined }) {
  return p.label ? <span class="visually-hidden"> ({p.label})</span> : null;
}

export function BlockButton(p: BlockButtonProps) {
  const { actor } = usePage();
  if (actor.kind !== "user") return null;
  const label = p.label ?? (p.kind === "work" || p.text !== undefined ? undefined : p.target);
  if (p.blockedId !== undefined) {
    const name = p.label ?? (p.kind === "work" ? undefined : p.target);
    return (
      <Form action="/account/blocklist/remove" class="inline-form block-button block-button--blocked">
        <input type="hidden" name="kind" value={p.kind} />
        <input type="hidden" name="target_id" value={p.blockedId} />
        <input type="hidden" name="return_to" value={p.returnTo} />
        <span class="block-button__state">
          {p.blockedText ?? blockedTexts[p.kind]}
          {p.blockedText === undefined && <Hidden label={name} />}
        </span>{" "}
        <button type="submit" class="link-button">
          Unblock
          <Hidden label={name} />
        </button>
      </Form>
    );
  }
  return (
    <Form action="/account/blocklist" class="inline-form block-button">
      <input type="hidden" name="kind" value={p.kind} />
      <input type="hidden" name={p.kind === "work" ? "work_id" : "name"} value={p.target} />
      <input type="hidden" name="return_to" value={p.returnTo} />
      <button type="submit" class="link-button">
        {p.text ?? texts[p.kind]}
        <Hidden label={label} />
      </button>
    </Form>
  );
}

/**
 * What the reader's blocklist holds, for Block buttons deep in a page (the blurbs of a listing);
 * null when the page didn't look, and every button offers to block.
 */
export const BlockedTargetsCtx = createContext<BlockedTargets | null>(null);

export function useBlockedTargets(): BlockedTargets | null {
  return useContext(BlockedTargetsCtx);
}
