CREATE TYPE "public"."hidden_test_detail" AS ENUM('names_and_hints', 'names_only', 'nothing');--> statement-breakpoint
CREATE TYPE "public"."regrade_request_status" AS ENUM('open', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."release_policy" AS ENUM('immediately', 'after_due', 'manual');--> statement-breakpoint
CREATE TABLE "assessment_starts" (
	"assessment_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"finish_reason" text,
	CONSTRAINT "assessment_starts_assessment_id_user_id_pk" PRIMARY KEY("assessment_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "exam_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "assessment_score_overrides" (
	"assessment_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"score" real NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"set_by" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_score_overrides_assessment_id_user_id_pk" PRIMARY KEY("assessment_id","user_id"),
	CONSTRAINT "assessment_score_overrides_score_range" CHECK ("assessment_score_overrides"."score" >= 0 and "assessment_score_overrides"."score" <= 1)
);
--> statement-breakpoint
CREATE TABLE "regrade_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"message" text NOT NULL,
	"status" "regrade_request_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"response" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"previous_score" real,
	"new_score" real
);
--> statement-breakpoint
CREATE TABLE "score_override_audit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"submission_id" uuid,
	"assessment_id" uuid,
	"previous_score" real,
	"new_score" real,
	"comment" text DEFAULT '' NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "score_override_audit_one_target" CHECK (("score_override_audit"."submission_id" is null) <> ("score_override_audit"."assessment_id" is null))
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "current_session_id" text;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "override_score" real;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "access_code" text;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "allow_run" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "release_policy" "release_policy" DEFAULT 'immediately' NOT NULL;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "released_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "hidden_test_detail" "hidden_test_detail" DEFAULT 'names_and_hints' NOT NULL;--> statement-breakpoint
ALTER TABLE "assessment_starts" ADD CONSTRAINT "assessment_starts_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_starts" ADD CONSTRAINT "assessment_starts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_events" ADD CONSTRAINT "exam_events_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_events" ADD CONSTRAINT "exam_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_score_overrides" ADD CONSTRAINT "assessment_score_overrides_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_score_overrides" ADD CONSTRAINT "assessment_score_overrides_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_score_overrides" ADD CONSTRAINT "assessment_score_overrides_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regrade_requests" ADD CONSTRAINT "regrade_requests_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regrade_requests" ADD CONSTRAINT "regrade_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regrade_requests" ADD CONSTRAINT "regrade_requests_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regrade_requests" ADD CONSTRAINT "regrade_requests_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regrade_requests" ADD CONSTRAINT "regrade_requests_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_override_audit" ADD CONSTRAINT "score_override_audit_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_override_audit" ADD CONSTRAINT "score_override_audit_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_override_audit" ADD CONSTRAINT "score_override_audit_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_override_audit" ADD CONSTRAINT "score_override_audit_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_override_audit" ADD CONSTRAINT "score_override_audit_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exam_events_assessment_user_idx" ON "exam_events" USING btree ("assessment_id","user_id","at");--> statement-breakpoint
CREATE INDEX "regrade_requests_course_idx" ON "regrade_requests" USING btree ("course_id","status","created_at");--> statement-breakpoint
CREATE INDEX "regrade_requests_user_idx" ON "regrade_requests" USING btree ("user_id","assignment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "regrade_requests_one_open_idx" ON "regrade_requests" USING btree ("submission_id") WHERE "regrade_requests"."status" = 'open';--> statement-breakpoint
CREATE INDEX "score_override_audit_course_idx" ON "score_override_audit" USING btree ("course_id","at");--> statement-breakpoint
CREATE INDEX "score_override_audit_submission_idx" ON "score_override_audit" USING btree ("submission_id");--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_override_score_range" CHECK ("submissions"."override_score" is null or ("submissions"."override_score" >= 0 and "submissions"."override_score" <= 1));