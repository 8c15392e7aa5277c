CREATE TYPE "public"."studio_commit_kind" AS ENUM('start', 'edit', 'write', 'rollback');--> statement-breakpoint
CREATE TYPE "public"."studio_message_role" AS ENUM('user', 'assistant', 'tool', 'system');--> statement-breakpoint
CREATE TABLE "preview_share_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"host_label" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "preview_share_links_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "studio_commits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"sha" text NOT NULL,
	"kind" "studio_commit_kind" NOT NULL,
	"description" text NOT NULL,
	"message" text NOT NULL,
	"restored_sha" text,
	"files" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "studio_commits_sessionId_sha_unique" UNIQUE("session_id","sha")
);
--> statement-breakpoint
CREATE TABLE "studio_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"role" "studio_message_role" NOT NULL,
	"request_id" uuid,
	"content" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "studio_sessions" ALTER COLUMN "status" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "studio_sessions" ALTER COLUMN "status" SET DEFAULT 'starting'::text;--> statement-breakpoint
DROP TYPE "public"."studio_status";--> statement-breakpoint
CREATE TYPE "public"."studio_status" AS ENUM('starting', 'running', 'restarting', 'stopped', 'failed', 'finalized');--> statement-breakpoint
ALTER TABLE "studio_sessions" ALTER COLUMN "status" SET DEFAULT 'starting'::"public"."studio_status";--> statement-breakpoint
ALTER TABLE "studio_sessions" ALTER COLUMN "status" SET DATA TYPE "public"."studio_status" USING "status"::"public"."studio_status";--> statement-breakpoint
ALTER TABLE "studio_sessions" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "studio_sessions" ADD COLUMN "base_branch" text;--> statement-breakpoint
ALTER TABLE "studio_sessions" ADD COLUMN "base_sha" text;--> statement-breakpoint
ALTER TABLE "studio_sessions" ADD COLUMN "head_sha" text;--> statement-breakpoint
ALTER TABLE "studio_sessions" ADD COLUMN "port" integer;--> statement-breakpoint
ALTER TABLE "studio_sessions" ADD COLUMN "restarts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "studio_sessions" ADD COLUMN "last_activity_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "studio_sessions" ADD COLUMN "run_id" uuid;--> statement-breakpoint
ALTER TABLE "studio_sessions" ADD COLUMN "pull_request_id" uuid;--> statement-breakpoint
ALTER TABLE "preview_share_links" ADD CONSTRAINT "preview_share_links_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preview_share_links" ADD CONSTRAINT "preview_share_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_commits" ADD CONSTRAINT "studio_commits_session_id_studio_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."studio_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_commits" ADD CONSTRAINT "studio_commits_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_messages" ADD CONSTRAINT "studio_messages_session_id_studio_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."studio_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "preview_share_links_project_id_created_at_index" ON "preview_share_links" USING btree ("project_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "studio_commits_session_id_created_at_index" ON "studio_commits" USING btree ("session_id","created_at");--> statement-breakpoint
CREATE INDEX "studio_messages_session_id_created_at_index" ON "studio_messages" USING btree ("session_id","created_at");--> statement-breakpoint
ALTER TABLE "studio_sessions" ADD CONSTRAINT "studio_sessions_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_sessions" ADD CONSTRAINT "studio_sessions_pull_request_id_pull_requests_id_fk" FOREIGN KEY ("pull_request_id") REFERENCES "public"."pull_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "studio_sessions_project_id_created_at_index" ON "studio_sessions" USING btree ("project_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "studio_sessions_status_index" ON "studio_sessions" USING btree ("status");