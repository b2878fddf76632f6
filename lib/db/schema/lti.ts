import { boolean, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { JWK } from "jose";
import { assessments } from "./assessments";
import { assignments } from "./assignments";
import { courses } from "./courses";
import { courseRole, ltiPassbackStatus, ltiRegisteredVia } from "./enums";
import { users } from "./users";

/**
 * The tool's signing keys (RS256). The newest key without `retiredAt` signs; retired keys stay in the
 * published JWKS for a while so that platforms holding a cached copy still verify what was signed before.
 */
export const ltiKeys = pgTable("lti_keys", {
  kid: text("kid").primaryKey(),
  publicJwk: jsonb("public_jwk").$type<JWK>().notNull(),
  privateJwk: jsonb("private_jwk").$type<JWK>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  retiredAt: timestamp("retired_at", { withTimezone: true }),
});

/** A registered LMS (issuer + client id): where to send logins, get tokens and fetch its keys. */
export const ltiPlatforms = pgTable(
  "lti_platforms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull().default(""),
    issuer: text("issuer").notNull(),
    clientId: text("client_id").notNull(),
    /** The platform's OIDC authorization endpoint (where login initiation redirects). */
    authLoginUrl: text("auth_login_url").notNull(),
    /** The platform's OAuth 2 token endpoint (client credentials for AGS and NRPS). */
    authTokenUrl: text("auth_token_url").notNull(),
    jwksUrl: text("jwks_url").notNull(),
    /** The `aud` of the client assertion when it is not the token URL (Canvas names its own). */
    tokenAudience: text("token_audience"),
    registeredVia: ltiRegisteredVia("registered_via").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique("lti_platforms_issuer_client_unique").on(table.issuer, table.clientId)],
);

/** The deployments of a platform the tool accepts launches from. */
export const ltiDeployments = pgTable(
  "lti_deployments",
  {
    platformId: uuid("platform_id")
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: "cascade" }),
    deploymentId: text("deployment_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.platformId, table.deploymentId] })],
);

/** One-time dynamic registration URLs an admin created; only the token's SHA-256 is kept. */
export const ltiRegistrationTokens = pgTable("lti_registration_tokens", {
  id: uuid("id").primaryKey().defaultRandom(),
  tokenHash: text("token_hash").notNull().unique(),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  platformId: uuid("platform_id").references(() => ltiPlatforms.id, { onDelete: "set null" }),
  /** Registrations tried with this token that failed: at MAX_REGISTRATION_FAILURES it is used up. */
  failedAttempts: integer("failed_attempts").notNull().default(0),
});

/**
 * One OIDC login initiation: the state (bound to the browser by a cookie) and the nonce the id_token must
 * carry. Used once (`usedAt`), kept until `expiresAt` so that a replayed nonce is recognised as such.
 */
export const ltiLoginStates = pgTable(
  "lti_login_states",
  {
    state: text("state").primaryKey(),
    nonce: text("nonce").notNull().unique(),
    platformId: uuid("platform_id")
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: "cascade" }),
    /** The initiation's parameters, to start again in a new window when the frame refuses cookies. */
    loginParams: jsonb("login_params").$type<Record<string, string>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (table) => [index("lti_login_states_expires_idx").on(table.expiresAt)],
);

/** A Tensorgrade account known to a platform by its `sub`. */
export const ltiUserLinks = pgTable(
  "lti_user_links",
  {
    platformId: uuid("platform_id")
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: "cascade" }),
    sub: text("sub").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastLaunchAt: timestamp("last_launch_at", { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.platformId, table.sub] }), index("lti_user_links_user_idx").on(table.userId)],
);

/** An LMS course (context) and the Tensorgrade course it is linked to, with its service endpoints. */
export const ltiContexts = pgTable(
  "lti_contexts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    platformId: uuid("platform_id")
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: "cascade" }),
    deploymentId: text("deployment_id").notNull(),
    /** The platform's context id. */
    contextId: text("context_id").notNull(),
    title: text("title").notNull().default(""),
    /** Null until a deep link or a resource link ties the LMS course to a Tensorgrade course. */
    courseId: uuid("course_id").references(() => courses.id, { onDelete: "cascade" }),
    /** NRPS context memberships URL, from the latest launch. */
    membershipsUrl: text("memberships_url"),
    /** AGS line items URL and the scopes granted, from the latest launch. */
    lineItemsUrl: text("line_items_url"),
    agsScopes: jsonb("ags_scopes").$type<string[]>().notNull().default([]),
    lastRosterSyncAt: timestamp("last_roster_sync_at", { withTimezone: true }),
    lastRosterSyncError: text("last_roster_sync_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique("lti_contexts_platform_context_unique").on(table.platformId, table.contextId), index("lti_contexts_course_idx").on(table.courseId)],
);

/**
 * An LMS resource link (a placement in the LMS course) and what it opens: an assessment, or one
 * exercise of one (an assignment). `lineItemUrl`: where its scores are posted (AGS), when the platform gave one.
 */
export const ltiResourceLinks = pgTable(
  "lti_resource_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    contextRowId: uuid("context_row_id")
      .notNull()
      .references(() => ltiContexts.id, { onDelete: "cascade" }),
    resourceLinkId: text("resource_link_id").notNull(),
    title: text("title").notNull().default(""),
    assessmentId: uuid("assessment_id").references(() => assessments.id, { onDelete: "cascade" }),
    assignmentId: uuid("assignment_id").references(() => assignments.id, { onDelete: "cascade" }),
    lineItemUrl: text("line_item_url"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("lti_resource_links_context_link_unique").on(table.contextRowId, table.resourceLinkId),
    index("lti_resource_links_assessment_idx").on(table.assessmentId),
    index("lti_resource_links_assignment_idx").on(table.assignmentId),
  ],
);

/** The grade passback of one student on one resource link's line item: pending, sent or failed (with why). */
export const ltiGradePassbacks = pgTable(
  "lti_grade_passbacks",
  {
    resourceLinkRowId: uuid("resource_link_row_id")
      .notNull()
      .references(() => ltiResourceLinks.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: ltiPassbackStatus("status").notNull().default("pending"),
    /** What was (or is to be) sent, in points. */
    scoreGiven: real("score_given"),
    scoreMaximum: real("score_maximum"),
    attempts: integer("attempts").notNull().default(0),
    /** The platform's reason for the last failure (status code and body, trimmed). */
    lastError: text("last_error"),
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.resourceLinkRowId, table.userId] }), index("lti_grade_passbacks_user_idx").on(table.userId)],
);

/** A deep linking request in progress: where to return the instructor's choice, with the platform's settings. */
export const ltiDeepLinkRequests = pgTable(
  "lti_deep_link_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    platformId: uuid("platform_id")
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: "cascade" }),
    deploymentId: text("deployment_id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    contextRowId: uuid("context_row_id").references(() => ltiContexts.id, { onDelete: "cascade" }),
    returnUrl: text("return_url").notNull(),
    /** The platform's opaque `data`, returned as is. */
    data: text("data"),
    acceptTypes: jsonb("accept_types").$type<string[]>().notNull(),
    acceptMultiple: boolean("accept_multiple").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (table) => [index("lti_deep_link_requests_expires_idx").on(table.expiresAt)],
);

export type LtiPlatform = typeof ltiPlatforms.$inferSelect;
export type LtiContext = typeof ltiContexts.$inferSelect;
export type LtiResourceLink = typeof ltiResourceLinks.$inferSelect;
export type LtiPassbackStatus = (typeof ltiPassbackStatus.enumValues)[number];

/**
 * Who came into a Tensorgrade course through one LMS course (a launch from it or its roster): a roster
 * sync of that LMS course ends only these enrolments, never one made by hand or through another LMS course.
 */
export const ltiContextMembers = pgTable(
  "lti_context_members",
  {
    contextRowId: uuid("context_row_id")
      .notNull()
      .references(() => ltiContexts.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.contextRowId, table.userId] }), index("lti_context_members_user_idx").on(table.userId)],
);

/**
 * A first launch whose email belongs to an existing account with a password: the LMS identity is linked
 * only after that account's password is given (an LMS's email claim alone never takes over an account).
 * Holds what the launch would have done, to finish it then. Single use, short-lived.
 */
export const ltiPendingLinks = pgTable(
  "lti_pending_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    platformId: uuid("platform_id")
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: "cascade" }),
    sub: text("sub").notNull(),
    /** The existing account the LMS's email names. */
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** What the launch does once confirmed: enrol (course and role), record membership, and where to go. */
    courseId: uuid("course_id").references(() => courses.id, { onDelete: "cascade" }),
    role: courseRole("role"),
    contextRowId: uuid("context_row_id").references(() => ltiContexts.id, { onDelete: "cascade" }),
    redirectPath: text("redirect_path").notNull(),
    /** The frame origins the launch allows (the LMS), as the launch's frame cookie carries them. */
    frameOrigins: jsonb("frame_origins").$type<string[]>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (table) => [index("lti_pending_links_expires_idx").on(table.expiresAt)],
);
