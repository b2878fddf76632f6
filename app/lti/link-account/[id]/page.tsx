import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { CLOSED_PENDING_LINK, findPendingLink } from "@/lib/lti/launch/pending-links";
import { LinkAccountForm } from "./LinkAccountForm";
import "@/app/lti/link-account.css";

export const metadata: Metadata = { title: "Link your LMS account" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

/**
 * Where a first LMS launch lands when its email names an existing account with a password: that password
 * links the LMS account to it. No session needed (the person is not signed in yet); frameable, as /lti/ is.
 */
export default async function LinkAccountPage({ params }: Props) {
  const { id } = await params;
  const link = await findPendingLink(await getDb(), id);
  if (!link) notFound();
  return (
    <div className="form card link-account" data-testid="link-account">
      <h1>Link your LMS account</h1>
      {link.isAdmin ? (
        <p className="error" role="alert">
          The LMS account&apos;s email ({link.email}) belongs to a site administrator here, whose account cannot be signed in from an LMS.
        </p>
      ) : link.state !== "open" ? (
        <p className="error" role="alert" data-testid="link-account-closed">
          {CLOSED_PENDING_LINK[link.state]}
        </p>
      ) : (
        <>
          <p>
            An account with <strong>{link.email}</strong> already exists in Tensorgrade. Enter its password to link your {link.platformName} account
            to it.
          </p>
          <p className="hint">From then on, {link.platformName} signs you in to this account. Nothing is linked until the password is right.</p>
          <LinkAccountForm pendingId={link.id} />
        </>
      )}
    </div>
  );
}
