ALTER TABLE "runs" ADD COLUMN "pipeline_event_id" text;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "pipeline_event_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "pipeline_resumes" integer DEFAULT 0 NOT NULL;