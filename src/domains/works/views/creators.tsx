// "pseud (username)" bylines linking to each creator's pseud page.
import type { Creator } from "../work.js";

export function Byline(p: { creators: readonly Creator[] }) {
  if (p.creators.length === 0) return <span>Anonymous</span>;
  return (
    <>
      {p.creators.map((c, i) => (
        <span key={c.pseudId}>
          {i > 0 && ", "}
          <a
            rel="author"
            href={`/users/${encodeURIComponent(c.username)}/pseuds/${encodeURIComponent(c.pseudName)}`}
          >
            {c.pseudName === c.username ? c.username : `${c.pseudName} (${c.username})`}
          </a>
        </span>
      ))}
    </>
  );
}
