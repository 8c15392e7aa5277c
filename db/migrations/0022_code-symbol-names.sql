CREATE TABLE "code_symbol_names" (
	"index_id" uuid NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "code_symbol_names_index_id_name_pk" PRIMARY KEY("index_id","name")
);
--> statement-breakpoint
DROP INDEX "code_symbols_name_trgm";--> statement-breakpoint
ALTER TABLE "code_symbol_names" ADD CONSTRAINT "code_symbol_names_index_id_code_indexes_id_fk" FOREIGN KEY ("index_id") REFERENCES "public"."code_indexes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "code_symbol_names_name_trgm" ON "code_symbol_names" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
INSERT INTO "code_symbol_names" ("index_id", "name") SELECT DISTINCT "index_id", "name" FROM "code_symbols";