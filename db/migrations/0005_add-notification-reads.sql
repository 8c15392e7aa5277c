CREATE TABLE "notification_reads" (
	"user_id" text NOT NULL,
	"run_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_reads_user_id_run_id_pk" PRIMARY KEY("user_id","run_id")
);
--> statement-breakpoint
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_reads_run_id_index" ON "notification_reads" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "runs_attention_idx" ON "runs" USING btree ("state_changed_at" DESC NULLS LAST) WHERE "runs"."state" in ('awaiting_approval', 'needs_human', 'failed');