import { readJsonBody } from "@/lib/api/body";
import { requestContext } from "@/lib/api/request-context";
import { apiRoute, json } from "@/lib/api/respond";
import { setUserRole } from "@/lib/auth/accounts";

export const PUT = apiRoute<{ userId: string }>(async (request, { userId }) => {
  const ctx = await requestContext(request);
  const body = await readJsonBody(request);
  return json({ user: await setUserRole(ctx, { ...body, userId }) });
});
