ALTER TABLE "submissions" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "first_seen_at" timestamp with time zone;--> statement-breakpoint
-- Until now started_at was written when a worker claimed the job: that moment is claimed_at now.
UPDATE "submissions" SET "claimed_at" = "started_at" WHERE "started_at" IS NOT NULL;
