// Profile and pseud pages: the public profile listing a user's pseuds, one pseud's page, and the
// owner's forms to add, edit and delete pseuds.
import type { FieldErrors } from "../../../lib/errors.js";
import { ErrorSummary, Field, Form, Submit } from "../../../http/views/form.js";
import type { Pseud } from "../pseud.js";
import type { PseudLimits } from "../pseud.schema.js";
import type { User } from "../user.js";

export function userPath(username: string): string {
  return `/users/${encodeURIComponent(username)}`;
}

export function pseudPath(username: string, pseudName: string): string {
  return `${userPath(username)}/pseuds/${encodeURIComponent(pseudName)}`;
}

function PseudList(p: { user: User; pseuds: Pseud[]; owner: boolean }) {
  return (
    <ul class="pseud-list">
      {p.pseuds.map((pseud) => (
        <li key={pseud.id} class="pseud-list__item">
          <a href={pseudPath(p.user.username, pseud.name)}>{pseud.name}</a>
          {pseud.isDefault && <span class="badge">Default</span>}
          {p.owner && (
            <span class="actions">
              <a href={`${pseudPath(p.user.username, pseud.name)}/edit`}>
                Edit<span class="visually-hidden"> {pseud.name}</span>
              </a>
              {!pseud.isDefault && (
                <>
                  <Form action={`${pseudPath(p.user.username, pseud.name)}/default`} class="inline-form">
                    <button type="submit" class="link-button">
                      Make default<span class="visually-hidden"> ({pseud.name})</span>
                    </button>
                  </Form>
                  <a href={`${pseudPath(p.user.username, pseud.name)}/delete`}>
                    Delete<span class="visually-hidden"> {pseud.name}</span>
                  </a>
                </>
              )}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

export function ProfilePage(p: { user: User; pseuds: Pseud[]; owner: boolean }) {
  return (
    <section>
      <h1>{p.user.username}</h1>
      <p class="muted">Joined {p.user.createdAt.slice(0, 10)}</p>
      <p>
        <a href={`${userPath(p.user.username)}/works`}>Works by {p.user.username}</a>
      </p>
      <h2>Pseuds</h2>
      <PseudList {...p} />
      {p.owner && (
        <p>
          <a class="button" href={`${userPath(p.user.username)}/pseuds/new`}>
            New pseud
          </a>
        </p>
      )}
    </section>
  );
}

export function PseudsPage(p: { user: User; pseuds: Pseud[]; owner: boolean }) {
  return (
    <section>
      <h1>Pseuds of {p.user.username}</h1>
      <PseudList {...p} />
      {p.owner && (
        <p>
          <a class="button" href={`${userPath(p.user.username)}/pseuds/new`}>
            New pseud
          </a>
        </p>
      )}
    </section>
  );
}

export function PseudPage(p: { user: User; pseud: Pseud; owner: boolean }) {
  return (
    <section>
      <h1>
        {p.pseud.name} {p.pseud.name !== p.user.username && <span class="muted">({p.user.username})</span>}
      </h1>
      {p.pseud.description ? (
        <p class="pseud-description">{p.pseud.description}</p>
      ) : (
        <p class="muted">No description yet.</p>
      )}
      <p>
        <a href={`${pseudPath(p.user.username, p.pseud.name)}/works`}>Works by {p.pseud.name}</a>
        {" · "}
        <a href={userPath(p.user.username)}>All pseuds of {p.user.username}</a>
        {p.owner && (
          <>
            {" · "}
            <a href={`${pseudPath(p.user.username, p.pseud.name)}/edit`}>Edit pseud</a>
          </>
        )}
      </p>
    </section>
  );
}

export function PseudForm(p: {
  user: User;
  pseud?: Pseud;
  values?: Record<string, string>;
  errors?: FieldErrors;
  limits: PseudLimits;
}) {
  const v = p.values ?? { name: p.pseud?.name ?? "", description: p.pseud?.description ?? "" };
  const e = p.errors ?? {};
  const action = p.pseud ? pseudPath(p.user.username, p.pseud.name) : `${userPath(p.user.username)}/pseuds`;
  return (
    <section class="narrow">
      <h1>{p.pseud ? `Edit pseud ${p.pseud.name}` : "New pseud"}</h1>
      <ErrorSummary errors={p.errors} />
      <Form action={action}>
        <Field
          name="name"
          label="Name"
          value={v.name}
          error={e.name}
          required
          maxLength={p.limits.pseudNameMax}
          hint={`Up to ${p.limits.pseudNameMax} characters: letters, digits, spaces, underscores and hyphens.`}
        />
        <Field
          name="description"
          type="textarea"
          label="Description"
          value={v.description}
          error={e.description}
          maxLength={p.limits.pseudDescriptionMax}
          hint={`Optional, up to ${p.limits.pseudDescriptionMax} characters.`}
        />
        <Submit>{p.pseud ? "Save pseud" : "Add pseud"}</Submit>
      </Form>
      <p>
        <a href={`${userPath(p.user.username)}/pseuds`}>Back to your pseuds</a>
      </p>
    </section>
  );
}

export function DeletePseudPage(p: { user: User; pseud: Pseud; error?: string }) {
  return (
    <section class="narrow">
      <h1>Delete pseud {p.pseud.name}?</h1>
      {p.error ? (
        <div class="error-summary" role="alert">
          <p>{p.error}</p>
        </div>
      ) : (
        <p>
          Works credited to this pseud will be credited to your default pseud instead. This can't be undone.
        </p>
      )}
      {!p.error && (
        <Form action={`${pseudPath(p.user.username, p.pseud.name)}/delete`}>
          <Submit kind="danger">Yes, delete {p.pseud.name}</Submit>
        </Form>
      )}
      <p>
        <a href={`${userPath(p.user.username)}/pseuds`}>Cancel</a>
      </p>
    </section>
  );
}
