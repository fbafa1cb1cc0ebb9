import { readJsonBody } from "@/lib/api/body";
import { requestContext } from "@/lib/api/request-context";
import { apiRoute, json } from "@/lib/api/respond";
import { createAccount } from "@/lib/auth/accounts";

export const POST = apiRoute(async (request) => {
  const ctx = await requestContext(request);
  const body = await readJsonBody(request);
  return json({ user: await createAccount(ctx, body) }, { status: 201 });
});
