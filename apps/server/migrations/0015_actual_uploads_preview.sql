ALTER TABLE "actual_uploads" ADD COLUMN "account_id" text;--> statement-breakpoint
ALTER TABLE "actual_uploads" ADD COLUMN "header_row" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "actual_uploads" ADD COLUMN "preview" jsonb DEFAULT '[]'::jsonb NOT NULL;