// The front page and the terms page.
import { usePage } from "./page-context.js";

export function HomePage() {
  const { actor, siteName } = usePage();
  return (
    <section>
      <h1>Welcome to {siteName}</h1>
      <p class="lede">A fanfiction archive: stories by fans, tagged and kept for readers.</p>
      {actor.kind === "user" ? (
        <p>
          You are logged in as{" "}
          <a href={`/users/${encodeURIComponent(actor.user.username)}`}>{actor.user.username}</a>.
        </p>
      ) : (
        <p>
          <a class="button" href="/signup">
            Create an account
          </a>{" "}
          or <a href="/login">log in</a>.
        </p>
      )}
    </section>
  );
}

export function TermsPage() {
  const { siteName } = usePage();
  return (
    <section class="narrow">
      <h1>Terms of Service</h1>
      <p>
        {siteName} is run by its admins. By creating an account you agree to post only what you have the right
        to post, to tag your works honestly, and to treat other fans with respect. The admins may remove
        content or accounts that break these rules. Your email address is used only to run your account.
      </p>
    </section>
  );
}
