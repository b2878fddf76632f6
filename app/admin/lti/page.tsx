import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/page-guards";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { listSigningKeys } from "@/lib/lti/keys";
import { listPlatforms } from "@/lib/lti/platforms";
import { DEFAULT_REGISTRATION_HOURS } from "@/lib/lti/registration/tokens";
import { toolUrls } from "@/lib/lti/tool-urls";
import { ManualRegistrationForm } from "./ManualRegistrationForm";
import { PlatformControls } from "./PlatformControls";
import { RegistrationUrlForm } from "./RegistrationUrlForm";
import { requestOrigin } from "@/app/lti/request-origin";
import { RotateKeyForm } from "./RotateKeyForm";
import "@/app/manage.css";
import "./lti-admin.css";

export const metadata: Metadata = { title: "LMS (LTI 1.3)" };

const when = (date: Date) => date.toISOString().replace("T", " ").slice(0, 16) + " UTC";

export default async function LtiAdminPage() {
  const user = await requirePageUser("/admin/lti");
  if (!can(user, "administer-site")) notFound();
  const db = await getDb();
  const [platforms, keys] = await Promise.all([listPlatforms(db), listSigningKeys(db)]);
  const urls = toolUrls(await requestOrigin());
  const toolRows: Array<[string, string, string]> = [
    ["Login initiation URL", urls.login, "OpenID Connect initiation URL (Canvas), Initiate login URL (Moodle)."],
    ["Redirect / launch URL", urls.launch, "Redirect URI(s) (Canvas, Moodle): where the LMS posts the launch."],
    ["Target link URL", urls.target, "Target Link URI (Canvas), Tool URL (Moodle)."],
    ["Deep linking URL", urls.deepLink, "Target of the Link Selection / Assignment Selection placements (Canvas), Content Selection URL (Moodle)."],
    ["JWKS URL", urls.jwks, "Public JWK URL (Canvas), Public keyset (Moodle): the tool's public keys."],
    ["Domain", new URL(urls.origin).host, "Domain (Canvas, optional)."],
  ];
  return (
    <div className="admin lti-admin">
      <p>
        <Link href="/admin">← Admin</Link>
      </p>
      <h1>LMS (LTI 1.3)</h1>

      <section className="card" aria-labelledby="registrations-title">
        <h2 id="registrations-title">Registrations ({platforms.length})</h2>
        {platforms.length === 0 ? (
          <p>No LMS is registered yet: create a registration URL below, or fill in the manual form.</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table stackable">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Issuer</th>
                  <th scope="col">Client ID</th>
                  <th scope="col">Deployment IDs</th>
                  <th scope="col">Via</th>
                  <th scope="col">Created</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {platforms.map((platform) => (
                  <tr key={platform.id} data-testid="lti-platform">
                    <td data-label="Name">{platform.name || "—"}</td>
                    <td data-label="Issuer">
                      <code>{platform.issuer}</code>
                    </td>
                    <td data-label="Client ID">
                      <code>{platform.clientId}</code>
                    </td>
                    <td data-label="Deployment IDs">{platform.deploymentIds.length > 0 ? platform.deploymentIds.join(", ") : "none: launches are refused until one is added"}</td>
                    <td data-label="Via">{platform.registeredVia === "dynamic" ? "dynamic registration" : "manual"}</td>
                    <td data-label="Created">{when(platform.createdAt)}</td>
                    <td data-label="Change">
                      <PlatformControls platformId={platform.id} label={platform.name || platform.issuer} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="dynamic-title">
        <h2 id="dynamic-title">Dynamic registration</h2>
        <p>
          A one-time URL for an LMS that supports LTI Dynamic Registration (Moodle, Canvas, Brightspace…). The LMS opens it, Tensorgrade registers
          itself, and the registration appears above. Also on the command line: <code>npm run lti -- registration-url</code>.
        </p>
        <RegistrationUrlForm defaultHours={DEFAULT_REGISTRATION_HOURS} />
      </section>

      <section className="card" aria-labelledby="manual-title">
        <h2 id="manual-title">Manual registration</h2>
        <p>After adding Tensorgrade to the LMS by hand (with the tool URLs below), copy what the LMS shows into this form.</p>
        <ManualRegistrationForm />
      </section>

      <section className="card" aria-labelledby="tool-urls-title">
        <h2 id="tool-urls-title">Tool URLs</h2>
        <p>What to paste into the LMS when adding Tensorgrade by hand.</p>
        <dl className="facts">
          {toolRows.map(([label, value, where]) => (
            <div key={label} style={{ display: "contents" }}>
              <dt>{label}</dt>
              <dd>
                <code className="lti-url">{value}</code>
                <br />
                <span className="field-hint">{where}</span>
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="card" aria-labelledby="keys-title">
        <h2 id="keys-title">Signing keys</h2>
        {keys.length === 0 ? (
          <p>No key yet: one is made on first use (the JWKS URL, a launch or a registration).</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table stackable">
              <thead>
                <tr>
                  <th scope="col">Key ID</th>
                  <th scope="col">Created</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {keys.map((key) => (
                  <tr key={key.kid}>
                    <td data-label="Key ID">
                      <code>{key.kid}</code>
                    </td>
                    <td data-label="Created">{when(key.createdAt)}</td>
                    <td data-label="Status">{key.retiredAt ? `retired ${when(key.retiredAt)}` : "signing"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <RotateKeyForm />
      </section>
    </div>
  );
}
