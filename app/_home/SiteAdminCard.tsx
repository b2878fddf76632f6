import Link from "next/link";
import type { SiteSummary } from "@/lib/admin/site-summary";
import { plural } from "@/lib/format/plural";

/** A site admin's summary on the home page. */
export function SiteAdminCard({ site }: { site: SiteSummary }) {
  return (
    <section className="card" aria-labelledby="site-admin-title" data-testid="site-summary">
      <h2 id="site-admin-title">Site administration</h2>
      <p>
        {plural(site.courses, "course")} · {plural(site.users, "account")} · grading queue: {site.queue.queued} waiting, {site.queue.running} running
      </p>
      <p>
        <Link href="/admin">Create courses and instructors</Link>
      </p>
    </section>
  );
}
