ALTER TABLE "posts" ADD COLUMN "moderation" jsonb;--> statement-breakpoint
ALTER TABLE "scenarios" ADD COLUMN "is_locked" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "scenarios" ADD COLUMN "moderation" jsonb;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "moderation" jsonb;