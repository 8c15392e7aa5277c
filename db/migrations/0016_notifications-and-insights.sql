CREATE TYPE "public"."notification_delivery_status" AS ENUM('pending', 'retrying', 'succeeded', 'failed');--> statement-breakpoint
CREATE TYPE "public"."notification_destination_kind" AS ENUM('webhook', 'slack', 'email');--> statement-breakpoint
CREATE TABLE "insight_daily_rollups" (
	"team_id" uuid NOT NULL,
	"project_id" uuid,
	"day" date NOT NULL,
	"runs_started" integer DEFAULT 0 NOT NULL,
	"runs_merged" integer DEFAULT 0 NOT NULL,
	"runs_failed" integer DEFAULT 0 NOT NULL,
	"runs_cancelled" integer DEFAULT 0 NOT NULL,
	"runs_needs_human" integer DEFAULT 0 NOT NULL,
	"runs_auto_merged" integer DEFAULT 0 NOT NULL,
	"cost_usd" numeric(14, 6) DEFAULT '0' NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"pr_seconds" double precision[] DEFAULT '{}' NOT NULL,
	"merge_seconds" double precision[] DEFAULT '{}' NOT NULL,
	"validation_seconds" double precision[] DEFAULT '{}' NOT NULL,
	"pr_p_50" double precision,
	"pr_p_90" double precision,
	"merge_p_50" double precision,
	"merge_p_90" double precision,
	"validation_p_50" double precision,
	"validation_p_90" double precision,
	"first_attempts" integer DEFAULT 0 NOT NULL,
	"first_attempts_passed" integer DEFAULT 0 NOT NULL,
	"fix_attempts" integer DEFAULT 0 NOT NULL,
	"fix_attempts_passed" integer DEFAULT 0 NOT NULL,
	"retries" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"failing_tests" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"rolled_up_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "insight_daily_rollups_scope_day" UNIQUE NULLS NOT DISTINCT("team_id","project_id","day")
);
--> statement-breakpoint
CREATE TABLE "insight_rollup_state" (
	"id" text PRIMARY KEY NOT NULL,
	"complete_through" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"destination_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"project_id" uuid,
	"run_id" uuid,
	"event_type" text NOT NULL,
	"source_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" "notification_delivery_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"sends" integer DEFAULT 1 NOT NULL,
	"response_status" integer,
	"latency_ms" integer,
	"error" text,
	"last_attempt_at" timestamp with time zone,
	"next_attempt_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_deliveries_destinationId_sourceKey_unique" UNIQUE("destination_id","source_key")
);
--> statement-breakpoint
CREATE TABLE "notification_delivery_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"delivery_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"succeeded" boolean NOT NULL,
	"response_status" integer,
	"latency_ms" integer NOT NULL,
	"error" text,
	CONSTRAINT "notification_delivery_attempts_deliveryId_attempt_unique" UNIQUE("delivery_id","attempt")
);
--> statement-breakpoint
CREATE TABLE "notification_destinations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "notification_destination_kind" NOT NULL,
	"url" text,
	"sealed_secret" text,
	"email_to" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"events" jsonb NOT NULL,
	"project_ids" jsonb,
	"enabled" boolean DEFAULT true NOT NULL,
	"disabled_at" timestamp with time zone,
	"disabled_reason" text,
	"failing_since" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_notice_reads" (
	"user_id" text NOT NULL,
	"notice_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_notice_reads_user_id_notice_id_pk" PRIMARY KEY("user_id","notice_id")
);
--> statement-breakpoint
CREATE TABLE "team_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"href" text NOT NULL,
	"source_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_notices_sourceKey_unique" UNIQUE("source_key")
);
--> statement-breakpoint
ALTER TABLE "insight_daily_rollups" ADD CONSTRAINT "insight_daily_rollups_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_daily_rollups" ADD CONSTRAINT "insight_daily_rollups_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_destination_id_notification_destinations_id_fk" FOREIGN KEY ("destination_id") REFERENCES "public"."notification_destinations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_delivery_attempts" ADD CONSTRAINT "notification_delivery_attempts_delivery_id_notification_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."notification_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_destinations" ADD CONSTRAINT "notification_destinations_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_destinations" ADD CONSTRAINT "notification_destinations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_notice_reads" ADD CONSTRAINT "team_notice_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_notice_reads" ADD CONSTRAINT "team_notice_reads_notice_id_team_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."team_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_notices" ADD CONSTRAINT "team_notices_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_deliveries_destination_id_created_at_index" ON "notification_deliveries" USING btree ("destination_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notification_destinations_team_id_index" ON "notification_destinations" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "team_notice_reads_notice_id_index" ON "team_notice_reads" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "team_notices_team_id_created_at_index" ON "team_notices" USING btree ("team_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "pull_requests_created_at_idx" ON "pull_requests" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "runs_created_at_idx" ON "runs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "runs_finished_at_idx" ON "runs" USING btree ("finished_at") WHERE "runs"."finished_at" is not null;--> statement-breakpoint
CREATE INDEX "validations_finished_at_idx" ON "validations" USING btree ("finished_at") WHERE "validations"."finished_at" is not null;