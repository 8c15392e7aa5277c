CREATE TABLE "instance_commands" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"target" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sender" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "previews" ADD COLUMN "instance" text;--> statement-breakpoint
CREATE INDEX "instance_commands_sent_at_index" ON "instance_commands" USING btree ("sent_at");