// The Block buttons of one work, on its page and on its blurb in every listing: the work itself
// and each account credited for it. Logged-in readers only, never on their own work, and none for
// a creator an anonymous work hides (an empty byline has nobody to block).
import { Fragment } from "preact";
import { usePage } from "../../../http/views/page-context.js";
import type { Creator } from "../../works/work.js";
import { isCreator } from "../../works/work.visibility.js";
import { blockableCreators, type BlockedTargets } from "../blocklist.js";
import { BlockButton } from "./block-button.js";

export interface WorkBlockControlsProps {
  work: { id: string; title: string; posted: boolean };
  /** The creators the byline shows (empty for an anonymous work). */
  creators: readonly Creator[];
  /** What the reader's blocklist holds; null when unknown (every button then offers to block). */
  blocked: BlockedTargets | null;
  /** "page": a work's page, in full words; "blurb": a listing's short form. */
  variant: "page" | "blurb";
}

export function WorkBlockControls(p: WorkBlockControlsProps) {
  const { actor, path } = usePage();
  if (actor.kind !== "user" || !p.work.posted || isCreator(actor, p.creators)) return null;
  const page = p.variant === "page";
  const controls = [
    <BlockButton
      key="work"
      kind="work"
      target={p.work.id}
      returnTo={path}
      label={p.work.title}
      text={page ? "Block this work" : "Block work"}
      blockedId={p.blocked?.work.has(p.work.id) ? p.work.id : undefined}
      blockedText={page ? "You blocked this work" : "Blocked"}
    />,
    ...blockableCreators(p.creators, actor.user.id).map((c) => (
      <BlockButton
        key={c.userId}
        kind="user"
        target={c.username}
        returnTo={path}
        text={`Block ${c.username}`}
        blockedId={p.blocked?.user.has(c.userId) ? c.userId : undefined}
        blockedText={`You blocked ${c.username}`}
      />
    )),
  ];
  if (page)
    return (
      <ul class="work-actions block-controls" aria-label="Blocklist">
        {controls.map((c) => (
          <li key={c.key}>{c}</li>
        ))}
      </ul>
    );
  return (
    <div class="blurb__block block-controls">
      {controls.map((c, i) => (
        <Fragment key={c.key}>
          {i > 0 && " · "}
          {c}
        </Fragment>
      ))}
    </div>
  );
}
