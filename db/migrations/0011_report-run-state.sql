ALTER TABLE "runs" ADD COLUMN "reported_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "validations" ADD COLUMN "reported_at" timestamp with time zone;--> statement-breakpoint
-- Everything before this migration was reported by the pipeline's own steps.
UPDATE "runs" SET "reported_seq" = "last_seq";--> statement-breakpoint
UPDATE "validations" SET "reported_at" = coalesce("finished_at", "created_at") WHERE "status" NOT IN ('pending', 'running');
