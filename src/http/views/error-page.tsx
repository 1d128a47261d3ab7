// The friendly page for 403, 404, 429 and 500: what happened, what to do, and a request id for admins.
import { usePage } from "./page-context.js";

export function ErrorPage(props: {
  status: number;
  message: string;
  requestId?: string;
  loginLink?: boolean;
}) {
  const headings: Record<number, string> = {
    400: "That request didn't make sense",
    401: "Please log in",
    403: "You can't do that",
    404: "Page not found",
    413: "That was too large",
    429: "Slow down a little",
    500: "Something went wrong on our side",
  };
  const { path } = usePage();
  return (
    <section class="error-page">
      <h1>{headings[props.status] ?? "Something went wrong"}</h1>
      <p>{props.message}</p>
      {props.loginLink && (
        <p>
          <a href={`/login?return_to=${encodeURIComponent(path)}`}>Log in</a> or{" "}
          <a href="/signup">create an account</a>.
        </p>
      )}
      {props.status >= 500 && props.requestId && (
        <p class="muted">
          If you tell the archive's admins about this, mention request <code>{props.requestId}</code>.
        </p>
      )}
      <p>
        <a href="/">Go to the front page</a>
      </p>
    </section>
  );
}
