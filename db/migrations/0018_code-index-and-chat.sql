-- Trigram indexes (code_files_path_trgm, code_symbols_name_trgm) need pg_trgm: trusted since Postgres 13, so the database owner may create it; PGlite loads it (db/client.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."code_index_state" AS ENUM('pending', 'indexing', 'ready', 'failed');--> statement-breakpoint
CREATE TYPE "public"."chat_message_role" AS ENUM('user', 'assistant');--> statement-breakpoint
CREATE TABLE "code_chunks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"index_id" uuid NOT NULL,
	"file_id" bigint NOT NULL,
	"symbol_ordinal" integer,
	"start_line" integer NOT NULL,
	"end_line" integer NOT NULL,
	"content" text NOT NULL,
	"content_sha" text NOT NULL,
	"search" "tsvector" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "code_files" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"index_id" uuid NOT NULL,
	"path" text NOT NULL,
	"language" text,
	"blob_sha" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"line_count" integer NOT NULL,
	"symbol_count" integer DEFAULT 0 NOT NULL,
	"error" text,
	CONSTRAINT "code_files_indexId_path_unique" UNIQUE("index_id","path")
);
--> statement-breakpoint
CREATE TABLE "code_indexes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"ref" text NOT NULL,
	"state" "code_index_state" DEFAULT 'pending' NOT NULL,
	"commit_sha" text,
	"target_sha" text,
	"file_count" integer DEFAULT 0 NOT NULL,
	"symbol_count" integer DEFAULT 0 NOT NULL,
	"chunk_count" integer DEFAULT 0 NOT NULL,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer DEFAULT 0 NOT NULL,
	"embedding_model" text,
	"error" text,
	"synced_at" timestamp with time zone,
	"searched_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "code_indexes_projectId_ref_unique" UNIQUE("project_id","ref")
);
--> statement-breakpoint
CREATE TABLE "code_symbols" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"index_id" uuid NOT NULL,
	"file_id" bigint NOT NULL,
	"ordinal" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"container" text,
	"exported" boolean DEFAULT false NOT NULL,
	"start_line" integer NOT NULL,
	"end_line" integer NOT NULL,
	"signature" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chat_conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"title" text NOT NULL,
	"run_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chat_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"role" "chat_message_role" NOT NULL,
	"parts" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "code_chunks" ADD CONSTRAINT "code_chunks_index_id_code_indexes_id_fk" FOREIGN KEY ("index_id") REFERENCES "public"."code_indexes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "code_chunks" ADD CONSTRAINT "code_chunks_file_id_code_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."code_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "code_files" ADD CONSTRAINT "code_files_index_id_code_indexes_id_fk" FOREIGN KEY ("index_id") REFERENCES "public"."code_indexes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "code_indexes" ADD CONSTRAINT "code_indexes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "code_symbols" ADD CONSTRAINT "code_symbols_index_id_code_indexes_id_fk" FOREIGN KEY ("index_id") REFERENCES "public"."code_indexes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "code_symbols" ADD CONSTRAINT "code_symbols_file_id_code_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."code_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_conversations" ADD CONSTRAINT "chat_conversations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_conversations" ADD CONSTRAINT "chat_conversations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_conversations" ADD CONSTRAINT "chat_conversations_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_conversation_id_chat_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."chat_conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "code_chunks_file_id_index" ON "code_chunks" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "code_chunks_content_sha_index" ON "code_chunks" USING btree ("content_sha");--> statement-breakpoint
CREATE INDEX "code_chunks_search" ON "code_chunks" USING gin ("search");--> statement-breakpoint
CREATE INDEX "code_files_path_trgm" ON "code_files" USING gin ("path" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "code_symbols_index_id_name_index" ON "code_symbols" USING btree ("index_id","name");--> statement-breakpoint
CREATE INDEX "code_symbols_file_id_index" ON "code_symbols" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "code_symbols_name_trgm" ON "code_symbols" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "chat_conversations_project_id_user_id_updated_at_index" ON "chat_conversations" USING btree ("project_id","user_id","updated_at");--> statement-breakpoint
CREATE INDEX "chat_messages_conversation_id_created_at_index" ON "chat_messages" USING btree ("conversation_id","created_at");