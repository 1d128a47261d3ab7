// The admin area: a dashboard and the list of accounts. Later issues add moderation pages here.
import type { User } from "../../users/user.js";

export function AdminDashboard(p: { userCount: number; dialect: string; signupOpen: boolean }) {
  return (
    <section>
      <h1>Admin</h1>
      <dl class="facts">
        <dt>Accounts</dt>
        <dd>{p.userCount}</dd>
        <dt>Database</dt>
        <dd>{p.dialect === "postgres" ? "PostgreSQL" : "SQLite"}</dd>
        <dt>Sign-up</dt>
        <dd>{p.signupOpen ? "open (QUIRE_SIGNUP_OPEN=true)" : "closed (QUIRE_SIGNUP_OPEN=false)"}</dd>
      </dl>
      <ul class="link-list">
        <li>
          <a href="/admin/users">Accounts</a>
        </li>
        <li>
          <a href={"/tags/search?status=unwrangled&sort=uses"}>Tags to wrangle</a>
        </li>
      </ul>
    </section>
  );
}

export function AdminUsersPage(p: { users: User[] }) {
  return (
    <section>
      <h1>Accounts</h1>
      <p class="muted">The {p.users.length} newest accounts.</p>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Email</th>
            <th scope="col">Joined</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>
          {p.users.map((u) => (
            <tr key={u.id}>
              <td>
                <a href={`/users/${encodeURIComponent(u.username)}`}>{u.username}</a>
              </td>
              <td>{u.email}</td>
              <td>{u.createdAt.slice(0, 10)}</td>
              <td>{u.isAdmin ? "admin" : "user"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
