import { z } from "zod";
import type { Db } from "../../db/client";
import { AGS_SCOPE, DEEP_LINKING_REQUEST, NRPS_SCOPE } from "../claims";
import { expectOk, platformFetch, PlatformRequestError } from "../platform-http";
import { savePlatform } from "../platforms";
import { assertPublicPlatformUrl, PlatformUrlRefused } from "../platform-url-guard";
import { toolUrls } from "../tool-urls";
import { RegistrationError } from "./errors";
import { countFailedRegistration, markRegistrationTokenUsed, usableRegistrationToken } from "./tokens";

const TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";
const PLATFORM_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-platform-configuration";
const httpUrl = z.url({ protocol: /^https?$/ });

/** What the LMS puts on the registration URL it opens (1EdTech LTI Dynamic Registration, 3.3). */
export const RegisterParamsSchema = z.object({
  token: z.string().trim().min(1, "The registration URL has no token: open the URL exactly as Tensorgrade gave it."),
  openid_configuration: httpUrl.optional(),
  registration_token: z.string().optional(),
});
export type RegisterParams = z.infer<typeof RegisterParamsSchema>;

/** The parts of the platform's OpenID configuration the tool needs. */
export const PlatformConfigurationSchema = z.object({
  issuer: httpUrl,
  authorization_endpoint: httpUrl,
  token_endpoint: httpUrl,
  jwks_uri: httpUrl,
  registration_endpoint: httpUrl,
  authorization_server: z.string().min(1).optional(),
  [PLATFORM_CONFIGURATION]: z.object({ product_family_code: z.string().optional() }).loose().optional(),
});
export type PlatformConfiguration = z.infer<typeof PlatformConfigurationSchema>;

/** The platform's answer to the client registration: the client id and, usually, the deployment. */
export const RegistrationAnswerSchema = z.object({
  client_id: z.string().min(1),
  [TOOL_CONFIGURATION]: z.object({ deployment_id: z.string().min(1).optional() }).loose().optional(),
});

/** The client registration the tool sends (OpenID Connect Dynamic Client Registration + the LTI tool configuration). */
export function clientRegistration(origin: string) {
  const urls = toolUrls(origin);
  return {
    application_type: "web",
    response_types: ["id_token"],
    grant_types: ["implicit", "client_credentials"],
    initiate_login_uri: urls.login,
    redirect_uris: [urls.launch],
    client_name: "Tensorgrade",
    jwks_uri: urls.jwks,
    logo_uri: urls.icon,
    token_endpoint_auth_method: "private_key_jwt",
    scope: [AGS_SCOPE.lineItem, AGS_SCOPE.score, AGS_SCOPE.resultReadOnly, NRPS_SCOPE].join(" "),
    [TOOL_CONFIGURATION]: {
      domain: new URL(urls.origin).host,
      target_link_uri: urls.target,
      description: "Programming exercises and assessments, graded automatically.",
      claims: ["iss", "sub", "name", "email", "given_name", "family_name"],
      messages: [
        {
          type: DEEP_LINKING_REQUEST,
          target_link_uri: urls.deepLink,
          label: "Tensorgrade",
          // The generic content area and Canvas's own placement names.
          placements: ["ContentArea", "link_selection", "assignment_selection"],
        },
      ],
      // Canvas: without it names and emails are withheld from launches.
      "https://canvas.instructure.com/lti/privacy_level": "public",
    },
  };
}

/** The spec's rule: the configuration URL lives under the issuer it names (the same origin at least). */
function issuerMatches(configurationUrl: string, issuer: string): boolean {
  const prefix = issuer.replace(/\/+$/, "");
  return configurationUrl.startsWith(`${prefix}/`) || new URL(configurationUrl).origin === new URL(issuer).origin;
}

function describeZod(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ");
}

/**
 * `call` against the platform; an error answer becomes a RegistrationError that names `what` and the HTTP
 * status only (the page is public: the platform's body goes to the server log through `detail`).
 */
async function platformCall(what: string, call: () => Promise<Response>): Promise<Response> {
  try {
    return await expectOk(await call(), what);
  } catch (error) {
    if (!(error instanceof PlatformRequestError)) throw error;
    const shown = error.status === null ? `${what}: the platform could not be reached.` : `${what}: HTTP ${error.status}.`;
    throw new RegistrationError(shown, { cause: error, detail: error.reason });
  }
}

async function fetchConfiguration(url: string, allowInsecure: boolean | undefined): Promise<PlatformConfiguration> {
  await assertPublicPlatformUrl(url, "The platform's OpenID configuration address", { allowInsecure });
  const response = await platformCall("The platform's OpenID configuration could not be read", () => platformFetch(url, { headers: { accept: "application/json" } }));
  const parsed = PlatformConfigurationSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new RegistrationError(`The platform's OpenID configuration is incomplete (${describeZod(parsed.error)}).`);
  if (!issuerMatches(url, parsed.data.issuer)) {
    throw new RegistrationError(`The platform's OpenID configuration names the issuer ${parsed.data.issuer}, which does not match the configuration's address ${new URL(url).origin}.`);
  }
  // Tensorgrade calls these later from the server too (tokens, keys): each must be public like the configuration.
  await assertPublicPlatformUrl(parsed.data.registration_endpoint, "The platform's registration endpoint", { allowInsecure });
  await assertPublicPlatformUrl(parsed.data.token_endpoint, "The platform's token endpoint", { allowInsecure });
  await assertPublicPlatformUrl(parsed.data.jwks_uri, "The platform's key set (jwks_uri)", { allowInsecure });
  return parsed.data;
}

export interface Registered {
  platformId: string;
  platformName: string;
  issuer: string;
  clientId: string;
  deploymentId: string | null;
}

/**
 * Dynamic registration: checks our one-time token, reads the platform's OpenID configuration, registers
 * the tool at its registration endpoint, stores the platform and uses the token up. The platform's URLs
 * must be https on public addresses (unless LTI_ALLOW_INSECURE_PLATFORM_URLS; `allowInsecure` overrides
 * it). A failure throws a RegistrationError saying what failed and counts against the token: after
 * MAX_REGISTRATION_FAILURES it no longer works.
 */
export async function registerDynamically(db: Db, raw: unknown, origin: string, now = new Date(), options: { allowInsecure?: boolean } = {}): Promise<Registered> {
  const params = RegisterParamsSchema.safeParse(raw);
  if (!params.success) throw new RegistrationError(params.error.issues.map((issue) => issue.message).join(" "));
  const stored = await usableRegistrationToken(db, params.data.token, now);
  try {
    return await register(db, params.data, stored.id, origin, now, options.allowInsecure);
  } catch (error) {
    if (error instanceof RegistrationError || error instanceof PlatformUrlRefused) await countFailedRegistration(db, stored.id);
    if (error instanceof PlatformUrlRefused) throw new RegistrationError(error.message, { cause: error });
    throw error;
  }
}

async function register(db: Db, params: RegisterParams, tokenId: string, origin: string, now: Date, allowInsecure: boolean | undefined): Promise<Registered> {
  if (!params.openid_configuration) {
    throw new RegistrationError("The platform did not say where its OpenID configuration is (openid_configuration): open this URL from the LMS's dynamic registration, not directly.");
  }
  const configuration = await fetchConfiguration(params.openid_configuration, allowInsecure);
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (params.registration_token) headers.authorization = `Bearer ${params.registration_token}`;
  const response = await platformCall("The platform refused the registration", () =>
    platformFetch(configuration.registration_endpoint, { method: "POST", headers, body: JSON.stringify(clientRegistration(origin)) }),
  );
  const answer = RegistrationAnswerSchema.safeParse(await response.json().catch(() => null));
  if (!answer.success) throw new RegistrationError(`The platform's answer to the registration is not usable (${describeZod(answer.error)}).`);
  const deploymentId = answer.data[TOOL_CONFIGURATION]?.deployment_id ?? null;
  const host = new URL(configuration.issuer).host;
  const family = configuration[PLATFORM_CONFIGURATION]?.product_family_code;
  const platformName = family ? `${family} (${host})` : host;
  return db.transaction(async (tx) => {
    const platformId = await savePlatform(
      tx,
      {
        name: platformName,
        issuer: configuration.issuer,
        clientId: answer.data.client_id,
        authLoginUrl: configuration.authorization_endpoint,
        authTokenUrl: configuration.token_endpoint,
        jwksUrl: configuration.jwks_uri,
        tokenAudience: configuration.authorization_server,
        deploymentIds: deploymentId ? [deploymentId] : [],
      },
      "dynamic",
    );
    if (!(await markRegistrationTokenUsed(tx, tokenId, platformId, now))) {
      throw new RegistrationError("This registration URL was used by another registration meanwhile. Ask the Tensorgrade administrator for a new one.");
    }
    return { platformId, platformName, issuer: configuration.issuer, clientId: answer.data.client_id, deploymentId };
  });
}
