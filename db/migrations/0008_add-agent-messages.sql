CREATE TYPE "public"."agent_message_purpose" AS ENUM('plan', 'code', 'judge');--> statement-breakpoint
CREATE TYPE "public"."agent_message_role" AS ENUM('system', 'user', 'assistant', 'tool');--> statement-breakpoint
CREATE TABLE "agent_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"purpose" "agent_message_purpose" NOT NULL,
	"seq" integer NOT NULL,
	"step" integer DEFAULT 0 NOT NULL,
	"role" "agent_message_role" NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"tool_call_id" text,
	"tool_name" text,
	"tool_input" jsonb,
	"tool_output" text,
	"tool_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agent_messages_runId_purpose_attempt_seq_unique" UNIQUE("run_id","purpose","attempt","seq")
);
--> statement-breakpoint
ALTER TABLE "agent_messages" ADD CONSTRAINT "agent_messages_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_messages_run_id_created_at_index" ON "agent_messages" USING btree ("run_id","created_at");