CREATE TYPE "public"."explanation_release" AS ENUM('after_attempt', 'after_close');--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "explanation_release" "explanation_release";