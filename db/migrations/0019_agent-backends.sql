CREATE TABLE "run_candidates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"index" integer NOT NULL,
	"agent" jsonb NOT NULL,
	"branch" text NOT NULL,
	"sha" text,
	"status" text DEFAULT 'coding' NOT NULL,
	"summary" text,
	"diff_lines" integer,
	"files_changed" integer,
	"duration_ms" integer,
	"cost_usd" text,
	"chosen" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "run_candidates_runId_index_unique" UNIQUE("run_id","index")
);
--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "agents" jsonb;--> statement-breakpoint
ALTER TABLE "run_candidates" ADD CONSTRAINT "run_candidates_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;