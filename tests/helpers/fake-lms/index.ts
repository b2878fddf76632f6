import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JSONWebKeySet, type JWTPayload } from "jose";

/*
 * A fake LMS platform for the LTI tests: its own key pair and JWKS, OpenID configuration, dynamic
 * registration, OIDC authorization (form_post of an id_token), OAuth 2 client credentials (verifying the
 * tool's client assertion against the tool's JWKS), AGS line items and scores, NRPS memberships with
 * paging, and a deep linking return endpoint. Everything is recorded for the tests to assert on, and
 * failures can be injected. Listens on 127.0.0.1 only.
 */

const CLAIM = {
  messageType: "https://purl.imsglobal.org/spec/lti/claim/message_type",
  version: "https://purl.imsglobal.org/spec/lti/claim/version",
  deploymentId: "https://purl.imsglobal.org/spec/lti/claim/deployment_id",
  targetLinkUri: "https://purl.imsglobal.org/spec/lti/claim/target_link_uri",
  resourceLink: "https://purl.imsglobal.org/spec/lti/claim/resource_link",
  roles: "https://purl.imsglobal.org/spec/lti/claim/roles",
  context: "https://purl.imsglobal.org/spec/lti/claim/context",
  custom: "https://purl.imsglobal.org/spec/lti/claim/custom",
  deepLinkingSettings: "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings",
  contentItems: "https://purl.imsglobal.org/spec/lti-dl/claim/content_items",
  ags: "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
  nrps: "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
  toolConfiguration: "https://purl.imsglobal.org/spec/lti-tool-configuration",
  platformConfiguration: "https://purl.imsglobal.org/spec/lti-platform-configuration",
} as const;

export const LIS_ROLE = {
  learner: "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
  instructor: "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
  ta: "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant",
} as const;

export interface FakeUser {
  sub: string;
  name?: string;
  email?: string;
  roles: string[];
}

export interface FakeMember extends FakeUser {
  status?: "Active" | "Inactive" | "Deleted";
}

/** A launch the LMS will perform: who, from which context, to what. */
export interface LaunchSpec {
  user: FakeUser;
  messageType?: "LtiResourceLinkRequest" | "LtiDeepLinkingRequest";
  contextId?: string;
  contextTitle?: string;
  resourceLinkId?: string;
  /** Where the launch goes (default: the tool's launch URL). */
  targetLinkUri?: string;
  custom?: Record<string, string>;
  /** A line item for the resource link (AGS `lineitem` claim); default: the one the deep link created, if any. */
  lineItemUrl?: string;
  /** Claims to replace (or remove, with undefined) in the id_token: aud, exp, nonce, deployment id... */
  overrides?: Record<string, unknown>;
  /** Sign with a key the platform's JWKS does not publish. */
  signWithForeignKey?: boolean;
}

export interface RecordedScore {
  lineItemUrl: string;
  body: Record<string, unknown>;
  contentType: string | undefined;
}

export interface FakeLineItem {
  id: string;
  url: string;
  contextId: string;
  label: string;
  scoreMaximum: number;
  resourceLinkId: string;
  resourceId?: string;
  custom?: Record<string, string>;
}

export interface FakeLms {
  issuer: string;
  clientId: string;
  deploymentId: string;
  urls: { openidConfiguration: string; auth: string; token: string; jwks: string; registration: string; deepLinkReturn: string };
  /** Where the tool lives: its login initiation, launch (redirect) and JWKS URLs. Set by registration or by hand. */
  tool: { login?: string; launch?: string; jwks?: string; localJwks?: JSONWebKeySet };
  /** Registers a launch; returns the URL of an LMS page that starts it (top level, or in an iframe with `frame`). */
  prepareLaunch(spec: LaunchSpec, options?: { frame?: boolean }): string;
  /** Runs login initiation + authorization without a browser: the form the LMS would post to the tool. */
  authorize(loginRedirect: string): Promise<{ action: string; idToken: string; state: string }>;
  /** Signs an arbitrary id_token with the platform's key (or a foreign one). */
  signIdToken(claims: JWTPayload, options?: { foreignKey?: boolean }): Promise<string>;
  setMembers(contextId: string, members: FakeMember[]): void;
  /** The next `count` token requests fail with `status` (default 500). */
  failTokenRequests(count: number, status?: number): void;
  /** The next `count` score posts fail with `status`. */
  failScorePosts(count: number, status?: number): void;
  readonly scores: RecordedScore[];
  readonly tokenRequests: { scope: string; ok: boolean }[];
  readonly lineItems: FakeLineItem[];
  readonly registrations: Record<string, unknown>[];
  /** Deep linking responses received (verified), with their content items. */
  readonly deepLinkResponses: { payload: JWTPayload; contentItems: Record<string, unknown>[] }[];
  /** The registration token the platform gives the tool during dynamic registration. */
  registrationToken: string;
  close(): Promise<void>;
}

const MEMBERSHIP_PAGE_SIZE = 2;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => resolve(body));
    request.on("error", reject);
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An HTML page with a form that posts itself (to `target`, an iframe's name, if given). */
function autoPostForm(action: string, fields: Record<string, string>, target?: string, heading = "Fake LMS"): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  const frame = target ? `<iframe name="${escapeHtml(target)}" title="Tensorgrade" style="width:100%;height:80vh;border:1px solid #888"></iframe>` : "";
  return `<!doctype html><html><head><title>${escapeHtml(heading)}</title></head><body><h1>${escapeHtml(heading)}</h1>
<form id="f" method="post" action="${escapeHtml(action)}"${target ? ` target="${escapeHtml(target)}"` : ""}>${inputs}<button type="submit">Continue</button></form>${frame}
<script>document.getElementById("f").submit()</script></body></html>`;
}

function send(response: ServerResponse, status: number, body: string | object, headers: Record<string, string> = {}): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const type = typeof body === "string" && text.startsWith("<!doctype") ? "text/html; charset=utf-8" : "application/json";
  response.writeHead(status, { "content-type": type, ...headers });
  response.end(text);
}

/** Starts a fake LMS on 127.0.0.1 (a free port unless `port` is given). */
export async function startFakeLms(options: { clientId?: string; deploymentId?: string; port?: number; hostname?: "127.0.0.1" | "localhost" } = {}): Promise<FakeLms> {
  const keys = await generateKeyPair("RS256", { extractable: true });
  const foreign = await generateKeyPair("RS256");
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(keys.publicKey)), kid, alg: "RS256", use: "sig" };
  const launches = new Map<string, LaunchSpec>();
  const members = new Map<string, FakeMember[]>();
  const tokens = new Map<string, { scope: string; expires: number }>();
  let failTokens = { count: 0, status: 500 };
  let failScores = { count: 0, status: 500 };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("fake LMS did not bind");
  // "localhost" makes the LMS the same site as an app served on localhost (its cookies then reach the frame over http).
  const base = `http://${options.hostname ?? "127.0.0.1"}:${address.port}`;

  const lms: FakeLms = {
    issuer: base,
    clientId: options.clientId ?? "tensorgrade-client",
    deploymentId: options.deploymentId ?? "deployment-1",
    urls: {
      openidConfiguration: `${base}/.well-known/openid-configuration`,
      auth: `${base}/auth`,
      token: `${base}/token`,
      jwks: `${base}/jwks`,
      registration: `${base}/register`,
      deepLinkReturn: `${base}/deep-link-return`,
    },
    tool: {},
    registrationToken: randomUUID(),
    scores: [],
    tokenRequests: [],
    lineItems: [],
    registrations: [],
    deepLinkResponses: [],
    prepareLaunch(spec, { frame = false } = {}) {
      const hint = randomUUID();
      launches.set(hint, spec);
      return `${base}/course-page?hint=${hint}${frame ? "&frame=1" : ""}`;
    },
    async authorize(loginRedirect) {
      const response = await fetch(loginRedirect, { redirect: "manual" });
      const html = await response.text();
      const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]?.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
      const action = /action="([^"]*)"/.exec(html)?.[1];
      const idToken = field("id_token");
      const state = field("state");
      if (!action || !idToken || state === undefined) throw new Error(`fake LMS authorization refused (${response.status}): ${html.slice(0, 300)}`);
      return { action, idToken, state };
    },
    signIdToken: (claims, { foreignKey = false } = {}) =>
      new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid, typ: "JWT" }).sign(foreignKey ? foreign.privateKey : keys.privateKey),
    setMembers(contextId, list) {
      members.set(contextId, list);
    },
    failTokenRequests(count, status = 500) {
      failTokens = { count, status };
    },
    failScorePosts(count, status = 500) {
      failScores = { count, status };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  // Without an app server (vitest), a test hands the tool's JWKS over directly (publicJwks(db)).
  const toolKeys = () => {
    if (lms.tool.localJwks) return createLocalJWKSet(lms.tool.localJwks);
    if (!lms.tool.jwks) throw new Error("the fake LMS does not know the tool's JWKS URL");
    return createRemoteJWKSet(new URL(lms.tool.jwks));
  };

  const bearer = (request: IncomingMessage, scope: string): boolean => {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
    const known = token ? tokens.get(token) : undefined;
    return known !== undefined && known.expires > Date.now() && known.scope.split(" ").includes(scope);
  };

  async function idTokenFor(spec: LaunchSpec, nonce: string): Promise<string> {
    const contextId = spec.contextId ?? "lms-course-1";
    const messageType = spec.messageType ?? "LtiResourceLinkRequest";
    const resourceLinkId = spec.resourceLinkId ?? "resource-1";
    const lineItem = spec.lineItemUrl ?? lms.lineItems.find((item) => item.contextId === contextId && item.resourceLinkId === resourceLinkId)?.url;
    const claims: Record<string, unknown> = {
      iss: base,
      aud: lms.clientId,
      azp: lms.clientId,
      sub: spec.user.sub,
      nonce,
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 300,
      name: spec.user.name,
      email: spec.user.email,
      [CLAIM.messageType]: messageType,
      [CLAIM.version]: "1.3.0",
      [CLAIM.deploymentId]: lms.deploymentId,
      [CLAIM.targetLinkUri]: spec.targetLinkUri ?? lms.tool.launch,
      [CLAIM.roles]: spec.user.roles,
      [CLAIM.context]: { id: contextId, title: spec.contextTitle ?? "Neural Networks (LMS)", label: "NN" },
      [CLAIM.custom]: { ...lineItemCustom(lineItem), ...spec.custom },
      [CLAIM.nrps]: { context_memberships_url: `${base}/contexts/${contextId}/memberships`, service_versions: ["2.0"] },
      [CLAIM.ags]: {
        scope: ["https://purl.imsglobal.org/spec/lti-ags/scope/lineitem", "https://purl.imsglobal.org/spec/lti-ags/scope/score"],
        lineitems: `${base}/contexts/${contextId}/lineitems`,
        ...(lineItem && messageType === "LtiResourceLinkRequest" ? { lineitem: lineItem } : {}),
      },
    };
    if (messageType === "LtiResourceLinkRequest") claims[CLAIM.resourceLink] = { id: resourceLinkId, title: "Placement" };
    else
      claims[CLAIM.deepLinkingSettings] = {
        deep_link_return_url: lms.urls.deepLinkReturn,
        accept_types: ["ltiResourceLink"],
        accept_presentation_document_targets: ["iframe", "window"],
        accept_multiple: true,
        auto_create: true,
        data: "opaque-platform-data",
      };
    for (const [name, value] of Object.entries(spec.overrides ?? {})) {
      if (value === undefined) delete claims[name];
      else claims[name] = value;
    }
    return lms.signIdToken(claims as JWTPayload, { foreignKey: spec.signWithForeignKey });
  }

  /** The custom parameters the deep link put on the line item's resource link travel with its launches. */
  function lineItemCustom(lineItemUrl: string | undefined): Record<string, string> {
    return lms.lineItems.find((item) => item.url === lineItemUrl)?.custom ?? {};
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", base);
    const body = request.method === "POST" ? await readBody(request) : "";
    const form = new URLSearchParams(request.method === "POST" && !request.headers["content-type"]?.includes("json") ? body : url.search);
    const path = url.pathname;

    if (path === "/jwks") return send(response, 200, { keys: [publicJwk] });
    if (path === "/.well-known/openid-configuration") {
      return send(response, 200, {
        issuer: base,
        authorization_endpoint: lms.urls.auth,
        token_endpoint: lms.urls.token,
        token_endpoint_auth_methods_supported: ["private_key_jwt"],
        token_endpoint_auth_signing_alg_values_supported: ["RS256"],
        jwks_uri: lms.urls.jwks,
        registration_endpoint: lms.urls.registration,
        scopes_supported: ["openid", "https://purl.imsglobal.org/spec/lti-ags/scope/score", "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"],
        response_types_supported: ["id_token"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        claims_supported: ["sub", "iss", "name", "email"],
        authorization_server: lms.urls.token,
        [CLAIM.platformConfiguration]: {
          product_family_code: "fake-lms",
          version: "1.0",
          messages_supported: [{ type: "LtiResourceLinkRequest" }, { type: "LtiDeepLinkingRequest" }],
        },
      });
    }
    if (path === "/register" && request.method === "POST") {
      if (request.headers.authorization !== `Bearer ${lms.registrationToken}`) return send(response, 401, { error: "invalid registration token" });
      const registration = JSON.parse(body) as Record<string, unknown>;
      lms.registrations.push(registration);
      const tool = registration[CLAIM.toolConfiguration] as Record<string, unknown> | undefined;
      lms.tool = {
        login: registration.initiate_login_uri as string,
        launch: (registration.redirect_uris as string[] | undefined)?.[0],
        jwks: registration.jwks_uri as string,
      };
      return send(response, 200, { ...registration, client_id: lms.clientId, [CLAIM.toolConfiguration]: { ...tool, deployment_id: lms.deploymentId } });
    }
    if (path === "/course-page") {
      const hint = url.searchParams.get("hint") ?? "";
      const spec = launches.get(hint);
      if (!spec || !lms.tool.login) return send(response, 404, "<!doctype html><p>unknown launch</p>");
      const fields: Record<string, string> = {
        iss: base,
        login_hint: spec.user.sub,
        target_link_uri: spec.targetLinkUri ?? lms.tool.launch ?? "",
        lti_message_hint: hint,
        client_id: lms.clientId,
        lti_deployment_id: lms.deploymentId,
      };
      return send(response, 200, autoPostForm(lms.tool.login, fields, url.searchParams.get("frame") ? "tool-frame" : undefined, "Fake LMS course page"));
    }
    if (path === "/auth") {
      const spec = launches.get(form.get("lti_message_hint") ?? "");
      const problems: string[] = [];
      if (form.get("client_id") !== lms.clientId) problems.push("client_id");
      if (form.get("response_type") !== "id_token") problems.push("response_type");
      if (form.get("response_mode") !== "form_post") problems.push("response_mode");
      if (!form.get("scope")?.split(" ").includes("openid")) problems.push("scope");
      if (!form.get("nonce")) problems.push("nonce");
      if (lms.tool.launch && form.get("redirect_uri") !== lms.tool.launch) problems.push("redirect_uri");
      if (!spec || form.get("login_hint") !== spec.user.sub) problems.push("login_hint");
      if (problems.length > 0 || !spec) return send(response, 400, `<!doctype html><p>bad authorization request: ${problems.join(", ")}</p>`);
      const idToken = await idTokenFor(spec, form.get("nonce")!);
      return send(response, 200, autoPostForm(form.get("redirect_uri")!, { id_token: idToken, state: form.get("state") ?? "" }, undefined, "Fake LMS: signing in"));
    }
    if (path === "/token" && request.method === "POST") {
      const scope = form.get("scope") ?? "";
      if (failTokens.count > 0) {
        failTokens.count -= 1;
        lms.tokenRequests.push({ scope, ok: false });
        return send(response, failTokens.status, { error: "temporarily_unavailable", error_description: "the fake LMS token endpoint is down" });
      }
      try {
        if (form.get("grant_type") !== "client_credentials") throw new Error("grant_type");
        if (form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") throw new Error("client_assertion_type");
        const { payload } = await jwtVerify(form.get("client_assertion") ?? "", toolKeys(), { issuer: lms.clientId, subject: lms.clientId, audience: lms.urls.token });
        if (!payload.jti) throw new Error("jti");
      } catch (error) {
        lms.tokenRequests.push({ scope, ok: false });
        return send(response, 401, { error: "invalid_client", error_description: String(error) });
      }
      const token = randomUUID();
      tokens.set(token, { scope, expires: Date.now() + 3600_000 });
      lms.tokenRequests.push({ scope, ok: true });
      return send(response, 200, { access_token: token, token_type: "Bearer", expires_in: 3600, scope });
    }
    if (path === "/deep-link-return" && request.method === "POST") {
      const { payload } = await jwtVerify(form.get("JWT") ?? "", toolKeys(), { issuer: lms.clientId, audience: base });
      const items = (payload[CLAIM.contentItems] as Record<string, unknown>[] | undefined) ?? [];
      lms.deepLinkResponses.push({ payload, contentItems: items });
      for (const item of items) {
        const lineItem = item.lineItem as { scoreMaximum?: number; label?: string; resourceId?: string } | undefined;
        if (!lineItem) continue;
        const contextId = "lms-course-1";
        const id = randomUUID();
        lms.lineItems.push({
          id,
          url: `${base}/contexts/${contextId}/lineitems/${id}`,
          contextId,
          label: lineItem.label ?? String(item.title ?? ""),
          scoreMaximum: Number(lineItem.scoreMaximum),
          resourceLinkId: `dl-${id}`,
          resourceId: lineItem.resourceId,
          custom: item.custom as Record<string, string> | undefined,
        });
      }
      return send(response, 200, `<!doctype html><h1>Fake LMS</h1><p>Received ${items.length} items</p><ul>${items.map((item) => `<li>${escapeHtml(String(item.title))}</li>`).join("")}</ul>`);
    }
    const scoresPath = /^\/contexts\/([^/]+)\/lineitems\/([^/]+)\/scores$/.exec(path);
    if (scoresPath && request.method === "POST") {
      if (!bearer(request, "https://purl.imsglobal.org/spec/lti-ags/scope/score")) return send(response, 401, { error: "invalid token" });
      if (failScores.count > 0) {
        failScores.count -= 1;
        return send(response, failScores.status, { error: "the fake LMS refused the score" });
      }
      const lineItemUrl = `${base}/contexts/${scoresPath[1]}/lineitems/${scoresPath[2]}`;
      lms.scores.push({ lineItemUrl, body: JSON.parse(body) as Record<string, unknown>, contentType: request.headers["content-type"] });
      return send(response, 200, {});
    }
    const membershipsPath = /^\/contexts\/([^/]+)\/memberships$/.exec(path);
    if (membershipsPath) {
      if (!bearer(request, "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly")) return send(response, 401, { error: "invalid token" });
      const all = members.get(membershipsPath[1]!) ?? [];
      const offset = Number(url.searchParams.get("offset") ?? 0);
      const page = all.slice(offset, offset + MEMBERSHIP_PAGE_SIZE);
      const headers: Record<string, string> = { "content-type": "application/vnd.ims.lti-nrps.v2.membershipcontainer+json" };
      if (offset + MEMBERSHIP_PAGE_SIZE < all.length) headers.link = `<${base}${path}?offset=${offset + MEMBERSHIP_PAGE_SIZE}>; rel="next"`;
      response.writeHead(200, headers);
      response.end(
        JSON.stringify({
          id: `${base}${path}`,
          context: { id: membershipsPath[1] },
          members: page.map((member) => ({ user_id: member.sub, name: member.name, email: member.email, roles: member.roles, status: member.status ?? "Active" })),
        }),
      );
      return;
    }
    send(response, 404, { error: `no route ${request.method} ${path}` });
  }

  return lms;
}
