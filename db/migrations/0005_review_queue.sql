ALTER TYPE "public"."flag_status" ADD VALUE 'withdrawn';--> statement-breakpoint
CREATE TABLE "flagger_stats" (
	"user_id" text PRIMARY KEY NOT NULL,
	"agreed" integer DEFAULT 0 NOT NULL,
	"disagreed" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_items" (
	"target_type" "target_type" NOT NULL,
	"target_id" text NOT NULL,
	"post_id" text,
	"state" text DEFAULT 'open' NOT NULL,
	"score" double precision DEFAULT 0 NOT NULL,
	"open_flags" integer DEFAULT 0 NOT NULL,
	"auto_hidden_at" timestamp (3) with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"decision" text,
	"decided_by_id" text,
	"decided_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_items_target_type_target_id_pk" PRIMARY KEY("target_type","target_id")
);
--> statement-breakpoint
ALTER TABLE "flags" ADD COLUMN "weight" double precision DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "flagger_stats" ADD CONSTRAINT "flagger_stats_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_items_queue_idx" ON "review_items" USING btree ("state","score" desc,"target_type","target_id");