import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { findSessionUser } from "@/lib/auth/guards";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { SIGNED_IN_ELSEWHERE } from "@/lib/auth/paths";
import { SignInForm } from "./SignInForm";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const query = await searchParams;
  const callbackPath = safeCallbackPath(query.callbackUrl);
  if (await findSessionUser()) redirect(callbackPath);
  const notice =
    query.reason === SIGNED_IN_ELSEWHERE
      ? "You were signed out here because your account signed in somewhere else while you are taking timed work: during an exam only the newest sign-in stays signed in. Signing in here ends the other session. Your clock kept running."
      : null;
  return <SignInForm callbackPath={callbackPath} notice={notice} />;
}
