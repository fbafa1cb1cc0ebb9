import { anonymous, type Context } from "@/lib/auth/actor";

/** Who is calling an API route. Until accounts land every caller is an anonymous reader. */
export async function requestContext(_request: Request): Promise<Context> {
  return anonymous;
}
