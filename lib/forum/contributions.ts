import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { posts, replies, scenarios, type Stance } from "@/db/schema";
import type { Context } from "@/lib/auth/actor";
import { visibleTo } from "@/lib/auth/permissions";
import { votesFor } from "./scenario-view";
import { excerptFromMarkdown } from "@/lib/text/excerpt";
import { Identifier, parseInput } from "@/lib/validation";

export type ContributionScenario = { id: string; title: string; postSlug: string; score: number | null; replyCount: number; createdAt: string };
export type ContributionReply = { id: string; scenarioId: string; scenarioTitle: string; postSlug: string; excerpt: string; stance: Stance; createdAt: string };

/** A member's latest scenarios and replies, for their profile; hidden ones by the visibility rule. Anyone may read. */
export async function listContributions(
  ctx: Context,
  input: { userId?: unknown; limit?: unknown },
): Promise<{ scenarios: ContributionScenario[]; replies: ContributionReply[] }> {
  const { userId, limit } = parseInput(z.object({ userId: Identifier, limit: z.number().int().min(1).max(50).default(10) }), input);
  const db = await getDb();
  const [ownScenarios, ownReplies] = await Promise.all([
    db
      .select({ scenario: scenarios, postSlug: posts.slug, contestUntil: posts.contestUntil })
      .from(scenarios)
      .innerJoin(posts, eq(posts.id, scenarios.postId))
      .where(and(eq(scenarios.authorId, userId), visibleTo(ctx.actor, scenarios, posts)))
      .orderBy(desc(scenarios.createdAt))
      .limit(limit),
    db
      .select({ reply: replies, scenarioTitle: scenarios.title, postSlug: posts.slug })
      .from(replies)
      .innerJoin(scenarios, eq(scenarios.id, replies.scenarioId))
      .innerJoin(posts, eq(posts.id, replies.postId))
      .where(and(eq(replies.authorId, userId), visibleTo(ctx.actor, replies, scenarios, posts)))
      .orderBy(desc(replies.createdAt))
      .limit(limit),
  ]);
  return {
    scenarios: ownScenarios.map(({ scenario, postSlug, contestUntil }) => ({
      id: scenario.id,
      title: scenario.title,
      postSlug,
      score: votesFor(ctx.actor, contestUntil, scenario).score,
      replyCount: scenario.replyCount,
      createdAt: scenario.createdAt.toISOString(),
    })),
    replies: ownReplies.map(({ reply, scenarioTitle, postSlug }) => ({
      id: reply.id,
      scenarioId: reply.scenarioId,
      scenarioTitle,
      postSlug,
      excerpt: excerptFromMarkdown(reply.body, 160),
      stance: reply.stance,
      createdAt: reply.createdAt.toISOString(),
    })),
  };
}
