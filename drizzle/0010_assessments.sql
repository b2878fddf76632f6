CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"title" text NOT NULL,
	"category_id" uuid,
	"opens_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"attempt_limit" integer,
	"late_policy" "late_policy_kind" DEFAULT 'none' NOT NULL,
	"late_penalty_per_day" numeric(5, 2) DEFAULT '0' NOT NULL,
	"late_cutoff_at" timestamp with time zone,
	"explanation_release" "explanation_release",
	"time_limit_minutes" integer,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grade_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"name" text NOT NULL,
	"weight" numeric(6, 2) DEFAULT '0' NOT NULL,
	"drop_lowest" integer DEFAULT 0 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grade_categories_course_name_unique" UNIQUE("course_id","name"),
	CONSTRAINT "grade_categories_weight_range" CHECK ("grade_categories"."weight" >= 0),
	CONSTRAINT "grade_categories_drop_lowest_range" CHECK ("grade_categories"."drop_lowest" >= 0)
);
--> statement-breakpoint
CREATE TABLE "accommodation_audit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"user_id" uuid,
	"group_id" uuid,
	"assessment_id" uuid,
	"summary" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accommodation_group_members" (
	"group_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accommodation_group_members_group_id_user_id_pk" PRIMARY KEY("group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "accommodation_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accommodation_groups_course_label_unique" UNIQUE("course_id","label")
);
--> statement-breakpoint
CREATE TABLE "accommodations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"user_id" uuid,
	"group_id" uuid,
	"assessment_id" uuid,
	"due_at" timestamp with time zone,
	"extra_attempts" integer DEFAULT 0 NOT NULL,
	"waive_late_penalty" boolean DEFAULT false NOT NULL,
	"time_multiplier" numeric(4, 2),
	"note" text DEFAULT '' NOT NULL,
	"granted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accommodations_target_unique" UNIQUE NULLS NOT DISTINCT("course_id","user_id","group_id","assessment_id"),
	CONSTRAINT "accommodations_one_target" CHECK (("accommodations"."user_id" is null) <> ("accommodations"."group_id" is null)),
	CONSTRAINT "accommodations_due_needs_assessment" CHECK ("accommodations"."due_at" is null or "accommodations"."assessment_id" is not null),
	CONSTRAINT "accommodations_extra_attempts_range" CHECK ("accommodations"."extra_attempts" >= 0),
	CONSTRAINT "accommodations_time_multiplier_range" CHECK ("accommodations"."time_multiplier" is null or "accommodations"."time_multiplier" >= 1)
);
--> statement-breakpoint
ALTER TABLE "assignments" DROP CONSTRAINT "assignments_course_exercise_unique";--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "assessment_id" uuid;--> statement-breakpoint
-- Every existing assignment becomes a one-exercise assessment with the same id, title, dates and rules.
INSERT INTO "assessments" ("id", "course_id", "title", "opens_at", "due_at", "attempt_limit", "late_policy", "late_penalty_per_day", "late_cutoff_at", "explanation_release", "position", "created_at")
SELECT a."id", a."course_id", e."title", a."opens_at", a."due_at", a."attempt_limit", a."late_policy", a."late_penalty_per_day", a."late_cutoff_at", a."explanation_release", a."position", a."created_at"
FROM "assignments" a JOIN "exercises" e ON e."id" = a."exercise_id";--> statement-breakpoint
UPDATE "assignments" SET "assessment_id" = "id", "position" = 0;--> statement-breakpoint
ALTER TABLE "assignments" ALTER COLUMN "assessment_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_category_id_grade_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."grade_categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grade_categories" ADD CONSTRAINT "grade_categories_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accommodation_audit" ADD CONSTRAINT "accommodation_audit_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accommodation_audit" ADD CONSTRAINT "accommodation_audit_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accommodation_group_members" ADD CONSTRAINT "accommodation_group_members_group_id_accommodation_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."accommodation_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accommodation_group_members" ADD CONSTRAINT "accommodation_group_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accommodation_groups" ADD CONSTRAINT "accommodation_groups_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accommodations" ADD CONSTRAINT "accommodations_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accommodations" ADD CONSTRAINT "accommodations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accommodations" ADD CONSTRAINT "accommodations_group_id_accommodation_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."accommodation_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accommodations" ADD CONSTRAINT "accommodations_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accommodations" ADD CONSTRAINT "accommodations_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessments_course_idx" ON "assessments" USING btree ("course_id","position");--> statement-breakpoint
CREATE INDEX "accommodation_audit_course_idx" ON "accommodation_audit" USING btree ("course_id","at");--> statement-breakpoint
CREATE INDEX "accommodation_group_members_user_idx" ON "accommodation_group_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "accommodations_user_idx" ON "accommodations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "accommodations_group_idx" ON "accommodations" USING btree ("group_id");--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignments_course_exercise_idx" ON "assignments" USING btree ("course_id","exercise_id");--> statement-breakpoint
ALTER TABLE "assignments" DROP COLUMN "opens_at";--> statement-breakpoint
ALTER TABLE "assignments" DROP COLUMN "due_at";--> statement-breakpoint
ALTER TABLE "assignments" DROP COLUMN "attempt_limit";--> statement-breakpoint
ALTER TABLE "assignments" DROP COLUMN "late_policy";--> statement-breakpoint
ALTER TABLE "assignments" DROP COLUMN "late_penalty_per_day";--> statement-breakpoint
ALTER TABLE "assignments" DROP COLUMN "late_cutoff_at";--> statement-breakpoint
ALTER TABLE "assignments" DROP COLUMN "explanation_release";--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_assessment_exercise_unique" UNIQUE("assessment_id","exercise_id");--> statement-breakpoint
-- What each student is granted on each assessment: individual and group grants, for the assessment or for
-- all of the course's, combined as the most generous of each (lib/scoring/accommodation.ts mirrors it).
CREATE VIEW "student_accommodations" AS
SELECT s."id" AS "assessment_id", g."user_id", s."course_id",
  max(g."due_at") AS "due_at",
  max(g."extra_attempts")::integer AS "extra_attempts",
  bool_or(g."waive_late_penalty") AS "waive_late_penalty",
  max(g."time_multiplier") AS "time_multiplier"
FROM (
  SELECT "course_id", "user_id", "assessment_id", "due_at", "extra_attempts", "waive_late_penalty", "time_multiplier"
  FROM "accommodations" WHERE "user_id" IS NOT NULL
  UNION ALL
  SELECT acc."course_id", m."user_id", acc."assessment_id", acc."due_at", acc."extra_attempts", acc."waive_late_penalty", acc."time_multiplier"
  FROM "accommodations" acc JOIN "accommodation_group_members" m ON m."group_id" = acc."group_id"
) g
JOIN "assessments" s ON s."course_id" = g."course_id" AND (g."assessment_id" IS NULL OR g."assessment_id" = s."id")
GROUP BY s."id", g."user_id", s."course_id";
