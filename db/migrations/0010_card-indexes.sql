ALTER TABLE "validations" ADD COLUMN "project_id" uuid;--> statement-breakpoint
UPDATE "validations" SET "project_id" = "runs"."project_id" FROM "runs" WHERE "runs"."id" = "validations"."run_id";--> statement-breakpoint
ALTER TABLE "validations" ALTER COLUMN "project_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "validations" ADD CONSTRAINT "validations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "runs_project_active_idx" ON "runs" USING btree ("project_id","created_at" DESC NULLS LAST) WHERE "runs"."state" not in ('merged', 'failed', 'cancelled', 'needs_human');--> statement-breakpoint
CREATE INDEX "runs_project_attention_idx" ON "runs" USING btree ("project_id","state_changed_at" DESC NULLS LAST) WHERE "runs"."state" in ('awaiting_approval', 'needs_human', 'failed');--> statement-breakpoint
CREATE INDEX "validations_project_id_created_at_index" ON "validations" USING btree ("project_id","created_at" DESC NULLS LAST);