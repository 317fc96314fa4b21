ALTER TABLE "users" ALTER COLUMN "locale" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "locale" DROP NOT NULL;--> statement-breakpoint
-- Until now nobody could choose a language: every stored value was the column's default, not a
-- choice. Null means "not chosen", so the language a person picks in their browser is kept.
UPDATE "users" SET "locale" = NULL;--> statement-breakpoint
CREATE INDEX "refresh_tokens_user_created" ON "refresh_tokens" USING btree ("user_id","created_at");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_locale" CHECK ("users"."locale" in ('ru', 'en'));