// The account's API tokens: the list, a form to make one, and the one-time display of a new token.
import type { FieldErrors } from "../../../lib/errors.js";
import { ErrorSummary, Field, Form, Submit } from "../../../http/views/form.js";
import type { ApiTokenSummary } from "../api-token.service.js";

export function ApiTokensPage(p: {
  tokens: ApiTokenSummary[];
  created?: { token: string; name: string };
  values?: Record<string, string>;
  errors?: FieldErrors;
  baseUrl: string;
}) {
  const live = p.tokens.filter((t) => !t.revokedAt);
  return (
    <section>
      <h1>API tokens</h1>
      <p>
        A personal token lets a script use the archive's API as you: send it as{" "}
        <code>Authorization: Bearer &lt;token&gt;</code>. The API is described at{" "}
        <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
      </p>
      {p.created && (
        <div class="token-created" role="status">
          <h2>Your new token “{p.created.name}”</h2>
          <p>Copy it now: it won't be shown again.</p>
          <p>
            <code class="token-value">{p.created.token}</code>
          </p>
          <p class="muted">
            Try it:{" "}
            <code>
              curl -H "Authorization: Bearer {p.created.token}" {p.baseUrl}/api/v1/me
            </code>
          </p>
        </div>
      )}
      <h2>Create a token</h2>
      <ErrorSummary errors={p.errors} />
      <Form action="/account/tokens">
        <Field
          name="name"
          label="Token name"
          value={p.values?.name}
          error={p.errors?.name}
          required
          hint="Say what will use it, such as “my e-reader sync”."
        />
        <Submit>Create token</Submit>
      </Form>
      <h2>Your tokens</h2>
      {live.length === 0 ? (
        <p class="muted">You have no tokens.</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Ends in</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {live.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>
                  <code>…{t.hint}</code>
                </td>
                <td>{t.createdAt.slice(0, 10)}</td>
                <td>{t.lastUsedAt ? t.lastUsedAt.slice(0, 16).replace("T", " ") : "never"}</td>
                <td>
                  <Form action={`/account/tokens/${t.id}/revoke`} class="inline-form">
                    <button type="submit" class="link-button">
                      Revoke<span class="visually-hidden"> {t.name}</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
