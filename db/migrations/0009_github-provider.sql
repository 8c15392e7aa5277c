CREATE TABLE "check_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"sha" text NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"conclusion" text,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"text" text,
	"annotations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"details_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "check_runs_projectId_sha_name_unique" UNIQUE("project_id","sha","name")
);
--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "in_reply_to" text;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "status_comment_id" text;--> statement-breakpoint
ALTER TABLE "check_runs" ADD CONSTRAINT "check_runs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;