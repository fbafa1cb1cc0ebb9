CREATE TABLE "post_revisions" (
	"id" text PRIMARY KEY NOT NULL,
	"post_id" text NOT NULL,
	"editor_id" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"question" text NOT NULL,
	"axes" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "last_activity_at" timestamp (3) with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "post_revisions" ADD CONSTRAINT "post_revisions_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_revisions" ADD CONSTRAINT "post_revisions_editor_id_users_id_fk" FOREIGN KEY ("editor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "post_revisions_post_idx" ON "post_revisions" USING btree ("post_id","created_at");--> statement-breakpoint
CREATE INDEX "posts_activity_idx" ON "posts" USING btree ("status","is_pinned","last_activity_at","id");--> statement-breakpoint
-- Posts that existed before the column: their latest scenario or reply, or their opening.
UPDATE "posts" SET "last_activity_at" = greatest("created_at", (SELECT max("created_at") FROM "scenarios" WHERE "scenarios"."post_id" = "posts"."id"), (SELECT max("created_at") FROM "replies" WHERE "replies"."post_id" = "posts"."id"));
