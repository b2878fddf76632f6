import type { Metadata } from "next";
import { headers } from "next/headers";
import { getDb } from "@/lib/db";
import { registerDynamically } from "@/lib/lti/registration/dynamic";
import { RegistrationError } from "@/lib/lti/registration/errors";
import { getLogger } from "@/lib/logging/logger";
import { requestOrigin } from "../request-origin";

export const metadata: Metadata = { title: "LMS registration" };
// Each visit registers (or refuses): never cached or prerendered.
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The page an LMS opens for LTI Dynamic Registration (usually in an iframe or a pop-up). */
export default async function RegisterPage({ searchParams }: Props) {
  const params = await searchParams;
  const list = await headers();
  const nonce = list.get("x-nonce") ?? undefined;
  const origin = await requestOrigin();
  let outcome: { ok: true; platform: string; deploymentId: string | null } | { ok: false; reason: string };
  try {
    const registered = await registerDynamically(
      await getDb(),
      { token: first(params.token) ?? "", openid_configuration: first(params.openid_configuration), registration_token: first(params.registration_token) },
      origin,
    );
    outcome = { ok: true, platform: registered.platformName, deploymentId: registered.deploymentId };
  } catch (error) {
    if (!(error instanceof RegistrationError)) getLogger().error({ err: error }, "LTI dynamic registration failed unexpectedly");
    // The page is public: the platform's answer is kept for the server log, the page shows only its status.
    else getLogger().warn({ reason: error.message, detail: error.detail }, "LTI dynamic registration refused");
    outcome = { ok: false, reason: error instanceof RegistrationError ? error.message : "Something went wrong on our side. Please try again." };
  }
  return (
    <div className="card">
      <h1>LMS registration</h1>
      {outcome.ok ? (
        <>
          <p className="success" role="status" data-testid="registration-outcome">
            Tensorgrade is registered with {outcome.platform}; you can close this window.
          </p>
          {outcome.deploymentId ? null : (
            <p>The platform named no deployment ID: a Tensorgrade administrator adds it under Admin → LMS before the first launch.</p>
          )}
          {/* 1EdTech Dynamic Registration: tells the LMS that registration is over, so it closes the frame or pop-up. */}
          <script nonce={nonce}>{`(window.opener || window.parent).postMessage({ subject: "org.imsglobal.lti.close" }, "*");`}</script>
        </>
      ) : (
        <div className="error" role="alert" data-testid="registration-outcome">
          <p>Tensorgrade could not be registered: {outcome.reason}</p>
          <p>Nothing was stored.</p>
        </div>
      )}
    </div>
  );
}
