import { readJsonBody } from "@/lib/api/body";
import { requestContext } from "@/lib/api/request-context";
import { apiRoute, json } from "@/lib/api/respond";
import { createApiToken } from "@/lib/auth/tokens";

export const POST = apiRoute(async (request) => {
  const ctx = await requestContext(request);
  const body = await readJsonBody(request);
  return json(await createApiToken(ctx, body), { status: 201 });
});
