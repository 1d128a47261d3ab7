// The frame of every page: skip link, header with the archive's navigation, flash, main, footer.
import type { ComponentChildren } from "preact";
import { usePage } from "./page-context.js";
import { Form } from "./form.js";

export function Layout(props: { title: string; children: ComponentChildren }) {
  const { actor, siteName, flash, csrfToken } = usePage();
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="csrf-token" content={csrfToken} />
        <title>{`${props.title} | ${siteName}`}</title>
        <link rel="stylesheet" href="/assets/quire.css" />
        <script src="/assets/tag-autocomplete.js" defer />
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="site-name" href="/">
              {siteName}
            </a>
            <nav aria-label="Account">
              <ul class="nav-list">
                {actor.kind === "user" ? (
                  <>
                    <li>
                      <a href={`/users/${encodeURIComponent(actor.user.username)}`}>{actor.user.username}</a>
                    </li>
                    <li>
                      <a href="/works/new">Post new work</a>
                    </li>
                    <li>
                      <a href="/works/import">Import works</a>
                    </li>
                    <li>
                      <a href={`/users/${encodeURIComponent(actor.user.username)}/works`}>My works</a>
                    </li>
                    <li>
                      <a href="/account">Account</a>
                    </li>
                    {actor.user.isAdmin && (
                      <li>
                        <a href="/admin">Admin</a>
                      </li>
                    )}
                    <li>
                      <Form action="/logout" class="inline-form">
                        <button type="submit" class="link-button">
                          Log out
                        </button>
                      </Form>
                    </li>
                  </>
                ) : (
                  <>
                    <li>
                      <a href="/login">Log in</a>
                    </li>
                    <li>
                      <a href="/signup">Sign up</a>
                    </li>
                  </>
                )}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {flash && (
            <div class={`flash flash--${flash.kind}`} role={flash.kind === "error" ? "alert" : "status"}>
              {flash.message}
            </div>
          )}
          {props.children}
        </main>
        <footer class="site-footer">
          <p>
            {siteName} runs on Quire, a fanfiction archive anyone can run.{" "}
            <a href="/terms">Terms of Service</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
