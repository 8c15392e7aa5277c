CREATE TABLE "review_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"pull_request_number" integer NOT NULL,
	"first_review_id" uuid NOT NULL,
	"last_review_id" uuid NOT NULL,
	"fingerprint" text NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"path" text NOT NULL,
	"line" integer NOT NULL,
	"title" text NOT NULL,
	"message" text NOT NULL,
	"suggestion" text,
	"source" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"head_sha" text,
	"resolved_sha" text,
	"resolved_at" timestamp with time zone,
	"comment_id" text,
	"comment_status" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_findings_pull_fingerprint" UNIQUE("project_id","pull_request_number","fingerprint")
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"run_id" uuid,
	"attempt" integer,
	"pull_request_number" integer NOT NULL,
	"trigger" text NOT NULL,
	"requested_by" text,
	"base_sha" text,
	"head_sha" text,
	"status" text DEFAULT 'running' NOT NULL,
	"error" text,
	"metadata" jsonb,
	"complexity" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"dependencies" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"advisories" jsonb,
	"ai_review" jsonb,
	"timings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"blockers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "reviews_run_attempt" UNIQUE("run_id","attempt")
);
--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "path" text;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "line" integer;--> statement-breakpoint
ALTER TABLE "review_findings" ADD CONSTRAINT "review_findings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_findings" ADD CONSTRAINT "review_findings_first_review_id_reviews_id_fk" FOREIGN KEY ("first_review_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_findings" ADD CONSTRAINT "review_findings_last_review_id_reviews_id_fk" FOREIGN KEY ("last_review_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_findings_last_review_id_index" ON "review_findings" USING btree ("last_review_id");--> statement-breakpoint
CREATE INDEX "reviews_project_id_pull_request_number_created_at_index" ON "reviews" USING btree ("project_id","pull_request_number","created_at");--> statement-breakpoint
CREATE INDEX "reviews_run_id_index" ON "reviews" USING btree ("run_id");