ALTER TABLE "scenarios" ADD COLUMN "fingerprint" text;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "fingerprint" text;