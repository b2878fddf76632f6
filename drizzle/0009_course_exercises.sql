CREATE TABLE "course_exercises" (
	"id" text PRIMARY KEY NOT NULL,
	"course_id" uuid NOT NULL,
	"draft_files" jsonb NOT NULL,
	"copied_from" text,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_check" jsonb
);
--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "tas_may_author" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "exercises" ADD COLUMN "course_id" uuid;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "exercise_version" text;--> statement-breakpoint
ALTER TABLE "course_exercises" ADD CONSTRAINT "course_exercises_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_exercises" ADD CONSTRAINT "course_exercises_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "course_exercises_course_idx" ON "course_exercises" USING btree ("course_id");--> statement-breakpoint
ALTER TABLE "exercises" ADD CONSTRAINT "exercises_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;