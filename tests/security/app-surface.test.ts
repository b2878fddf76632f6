import { describe, expect, it } from "vitest";
import { compareWithMatrix, discoverActions, discoverPages, discoverRoutes, exportedFunctions, exportedMethods } from "./app-surface";

describe("finding the app's pages, routes and actions on disk", () => {
  it("reads every way a route file exports its HTTP methods", () => {
    expect(exportedMethods("export const GET = handleRoute(async () => {});\nexport async function POST() {}")).toEqual(["GET", "POST"]);
    expect(exportedMethods("function handler() {}\nexport { handler as GET, handler as POST };")).toEqual(["GET", "POST"]);
    expect(exportedMethods("export function DELETE() {}\nexport const dynamic = 'force-dynamic';\nconst PUT = 1;")).toEqual(["DELETE"]);
  });

  it("reads an actions file's exported functions, not its types", () => {
    const source = `"use server";\nexport type State = { ok: boolean };\nexport async function saveAction() {}\nexport const other = async () => {};\nasync function hidden() {}\nexport { hidden as shownAction };`;
    expect(exportedFunctions(source)).toEqual(["saveAction", "other", "shownAction"]);
  });

  it("finds this app's pages, routes with their methods, and actions", () => {
    expect(discoverPages()).toEqual(expect.arrayContaining(["/", "/admin", "/courses/[slug]/manage/roster"]));
    // A private folder (_forms) holds no page.
    expect(discoverPages().some((pattern) => pattern.includes("/_"))).toBe(false);
    expect(discoverRoutes()).toEqual(expect.arrayContaining(["GET /api/auth/[...nextauth]", "POST /api/auth/[...nextauth]", "PUT /api/courses/[slug]/exercises/[exerciseId]/draft"]));
    expect(discoverActions()).toEqual(expect.arrayContaining(["app/join/actions.ts#joinCourseAction", "app/courses/[slug]/manage/roster/actions.ts#importRosterAction"]));
  });

  it("names what the matrix lacks and what it has in excess", () => {
    expect(compareWithMatrix(["GET /a", "PAGE /b"], ["PAGE /b", "GET /gone"])).toEqual({ missing: ["GET /a"], stale: ["GET /gone"] });
  });
});
