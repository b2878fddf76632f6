import Link from "next/link";
import { USER_ROLE_FILTERS, type UserList as Users } from "@/lib/admin/users";
import { AccountControls } from "./AccountControls";
import { roleLabel } from "@/lib/courses/role-label";

interface Props {
  list: Users;
  query: { q: string; role: string };
  currentUserId: string;
}

function pageHref(query: Props["query"], page: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.role) params.set("role", query.role);
  params.set("page", String(page));
  return `/admin?${params.toString()}#users-title`;
}

/** The admin page's accounts: search, role filter, each account's courses and controls, a page at a time. */
export function UserList({ list, query, currentUserId }: Props) {
  return (
    <section className="card" aria-labelledby="users-title">
      <h2 id="users-title">Accounts ({list.total})</h2>
      <form method="get" action="/admin" className="inline-form" role="search" aria-label="Accounts">
        <label htmlFor="account-search">Search email or name</label>
        <input id="account-search" name="q" type="search" defaultValue={query.q} maxLength={200} />
        <label htmlFor="account-role">Role</label>
        <select id="account-role" name="role" defaultValue={query.role}>
            <option value="">any</option>
            {USER_ROLE_FILTERS.map((role) => (
              <option key={role} value={role}>
                {roleLabel(role)}
              </option>
            ))}
        </select>
        <button className="button secondary" type="submit">
          Search
        </button>
      </form>
      <div className="table-wrap">
        <table className="data-table stackable" data-testid="accounts">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Courses</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.users.map((account) => (
              <tr key={account.id}>
                <td data-label="Account">
                  {account.name}
                  <br />
                  <span className="muted">{account.email}</span>
                  {account.isAdmin ? " (site admin)" : null}
                </td>
                <td data-label="Courses">
                  {account.courses.length === 0
                    ? "none"
                    : account.courses.map((course, index) => (
                        <span key={course.slug}>
                          {index > 0 ? ", " : null}
                          <Link href={`/courses/${course.slug}`}>{course.title}</Link> ({roleLabel(course.role)})
                        </span>
                      ))}
                </td>
                <td data-label="State">
                  {account.disabled ? "disabled" : "active"}
                  {account.mustChangePassword ? ", one-time password" : null}
                </td>
                <td data-label="Actions">
                  {account.id === currentUserId ? (
                    <Link href="/account">Your account</Link>
                  ) : (
                    <AccountControls key={`${account.id}-${account.disabled}`} account={account} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.pageCount > 1 ? (
        <nav aria-label="Account pages" className="inline-form">
          {list.page > 1 ? <Link href={pageHref(query, list.page - 1)}>Previous page</Link> : null}
          <span>
            Page {list.page} of {list.pageCount}
          </span>
          {list.page < list.pageCount ? <Link href={pageHref(query, list.page + 1)}>Next page</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
