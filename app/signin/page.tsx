import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { findSessionUser } from "@/lib/auth/guards";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { SignInForm } from "./SignInForm";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const query = await searchParams;
  const callbackPath = safeCallbackPath(query.callbackUrl);
  if (await findSessionUser()) redirect(callbackPath);
  return <SignInForm callbackPath={callbackPath} />;
}
