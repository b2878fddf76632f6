import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";
import { saveScreenshot, type SignInOptions } from "./support";

/** The widths every page state is checked and photographed at: a laptop and a phone. */
export const WIDTHS = [
  { name: "1280", width: 1280, height: 800 },
  { name: "390", width: 390, height: 844 },
] as const;

/** Where the a11y specs keep their screenshots: a "screenshots" folder in each test's output directory. */
export const A11Y_SCREENSHOTS = { folder: "screenshots" } as const;
/** How the a11y specs sign in: they wait for the browser to leave /signin, wherever it lands. */
export const A11Y_SIGN_IN: SignInOptions = { waitFor: "left-signin" };

// ---------------------------------------------------------------------------------------------------------
// Every page of the app, found on disk, so that a page added later must be given a state in the suite.

const APP = path.resolve("app");

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name.startsWith("_") || name === "api" ? [] : walk(full);
    return name === "page.tsx" ? [full] : [];
  });
}

/** Route patterns of every page.tsx under app/, e.g. "/courses/[slug]/manage/roster". */
export function pagePatterns(): string[] {
  return walk(APP).map((file) => {
    const segments = path.relative(APP, path.dirname(file)).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
    return "/" + segments.join("/");
  });
}

/** The page pattern a path belongs to (static segments win over [params]), or null for not-found. */
export function patternOfPath(pathname: string, patterns: readonly string[]): string | null {
  const matching = patterns.filter((pattern) => {
    const regex = new RegExp("^" + pattern.replace(/\[[^\]]+\]/g, "[^/]+") + "/?$");
    return regex.test(pathname);
  });
  const dynamicCount = (pattern: string) => (pattern.match(/\[/g) ?? []).length;
  return matching.sort((a, b) => dynamicCount(a) - dynamicCount(b))[0] ?? null;
}

// ---------------------------------------------------------------------------------------------------------
// The audit of one page state.

/** Where and what a finding is, one line each, for a failure message a person can act on. */
interface Finding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

const BLOCKING = new Set(["serious", "critical"]);

async function axeFindings(page: Page): Promise<Finding[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ""))
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? "",
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => `${node.target.join(" ")}${node.failureSummary ? ` — ${node.failureSummary.replace(/\s+/g, " ").slice(0, 200)}` : ""}`),
    }));
}

/**
 * Checks axe does not make blocking: heading levels that skip (h2 → h4), aria-labelledby/-describedby
 * pointing at ids that do not exist (an id with a space is two ids), landmarks of one kind sharing a name.
 */
async function structureFindings(page: Page): Promise<Finding[]> {
  return page.evaluate(() => {
    const findings: Array<{ rule: string; impact: string; help: string; targets: string[] }> = [];
    const visible = (element: Element) => {
      const box = (element as HTMLElement).getBoundingClientRect();
      return element.closest("[hidden], [aria-hidden='true']") === null && (box.width > 0 || box.height > 0 || element.closest("details:not([open])") !== null);
    };
    const describe = (element: Element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""} "${(element.textContent ?? "").trim().slice(0, 50)}"`;

    const headings = Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6")).filter(visible);
    let previous = 0;
    for (const heading of headings) {
      const level = Number(heading.tagName.slice(1));
      if (previous > 0 && level > previous + 1) {
        findings.push({ rule: "heading-skips-level", impact: "serious", help: `h${previous} is followed by h${level}`, targets: [describe(heading)] });
      }
      previous = level;
    }

    for (const attribute of ["aria-labelledby", "aria-describedby"]) {
      for (const element of Array.from(document.querySelectorAll(`[${attribute}]`))) {
        const ids = (element.getAttribute(attribute) ?? "").split(/\s+/).filter(Boolean);
        const missing = ids.filter((id) => !document.getElementById(id));
        if (missing.length > 0) {
          findings.push({ rule: `${attribute}-missing-id`, impact: "serious", help: `${attribute} names ids that do not exist: ${missing.join(", ")}`, targets: [describe(element)] });
        }
      }
    }

    const nameOf = (element: Element) => {
      const labelledBy = element.getAttribute("aria-labelledby");
      if (labelledBy) {
        return labelledBy
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent?.trim() ?? "")
          .join(" ")
          .trim();
      }
      return element.getAttribute("aria-label")?.trim() ?? "";
    };
    const landmarks = Array.from(document.querySelectorAll("nav, main, aside, header, footer, section[aria-label], section[aria-labelledby], form[aria-label], form[aria-labelledby], [role]")).filter(visible);
    const roleOf = (element: Element) => element.getAttribute("role") ?? ({ nav: "navigation", main: "main", aside: "complementary", header: "banner", footer: "contentinfo", section: "region", form: "form" } as Record<string, string>)[element.tagName.toLowerCase()];
    const seen = new Map<string, Element>();
    for (const landmark of landmarks) {
      const role = roleOf(landmark);
      if (!role || !["navigation", "main", "complementary", "banner", "contentinfo", "region", "form", "search"].includes(role)) continue;
      const name = nameOf(landmark);
      if (role === "region" && !name) {
        findings.push({ rule: "region-without-name", impact: "serious", help: "a region landmark has no accessible name", targets: [describe(landmark)] });
        continue;
      }
      const key = `${role}: ${name}`;
      const earlier = seen.get(key);
      if (earlier) findings.push({ rule: "landmark-name-repeated", impact: "serious", help: `two ${role} landmarks are both named "${name}"`, targets: [describe(earlier), describe(landmark)] });
      else seen.set(key, landmark);
    }
    return findings;
  });
}

function format(findings: Finding[]): string {
  return findings.map((f) => `  [${f.impact}] ${f.rule}: ${f.help}\n${f.targets.map((t) => `      ${t}`).join("\n")}`).join("\n");
}

// Playwright starts a new worker after a failed test, so the audited pages are kept in a file of this run's
// output directory (emptied at the start of each run) rather than in memory.
const auditLog = (testInfo: TestInfo) => path.join(testInfo.project.outputDir, "a11y-audited-pages.txt");

/** Patterns of the pages audited so far in this run (for the coverage check). */
export function auditedPatterns(testInfo: TestInfo): Set<string> {
  const file = auditLog(testInfo);
  return new Set(existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean) : []);
}

/**
 * Audits the page as it is now at each width: no serious or critical axe violation, sound headings and
 * landmark names; keeps a full-page screenshot of each width. Failures are soft so one run lists every page.
 */
export async function auditPage(page: Page, testInfo: TestInfo, state: string, patterns: readonly string[]) {
  const pattern = patternOfPath(new URL(page.url()).pathname, patterns);
  mkdirSync(testInfo.project.outputDir, { recursive: true });
  appendFileSync(auditLog(testInfo), `${pattern ?? "not-found"}\n`);
  const original = page.viewportSize();
  // A refresh after a submit re-renders the head: audit the page once its title is back, not mid-swap
  // (a title that never comes is still reported by axe below).
  await expect.poll(() => page.title(), { timeout: 5_000 }).not.toBe("").catch(() => undefined);
  for (const size of WIDTHS) {
    await page.setViewportSize({ width: size.width, height: size.height });
    // Charts measure their container after a resize; give layout a frame to settle.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const findings = [...(await axeFindings(page)), ...(await structureFindings(page))];
    expect.soft(findings, `${state} at ${size.name} px (${page.url()}):\n${format(findings)}`).toEqual([]);
    await saveScreenshot(page, testInfo, `${state} ${size.name}`, A11Y_SCREENSHOTS);
  }
  if (original) await page.setViewportSize(original);
}

// ---------------------------------------------------------------------------------------------------------
// Keyboard helpers.

export interface FocusOptions {
  /** How many characters of the focused element's text to keep (60 unless a spec compares fewer). */
  textLength?: number;
}

/** The element that has the keyboard focus, as a keyboard user would tell it apart. */
export const focused = (page: Page, { textLength = 60 }: FocusOptions = {}) =>
  page.evaluate((length) => {
    const element = document.activeElement as HTMLElement | null;
    return {
      tag: element?.tagName.toLowerCase() ?? "",
      text: element?.innerText?.trim().slice(0, length) ?? "",
      href: element?.getAttribute("href") ?? "",
      type: element?.getAttribute("type") ?? "",
      name: element?.getAttribute("name") ?? "",
      id: element?.id ?? "",
      label: (element as HTMLInputElement | null)?.labels?.[0]?.innerText.trim() ?? element?.getAttribute("aria-label") ?? "",
      inEditor: Boolean(element?.closest(".cm-editor")),
      testId: element?.getAttribute("data-testid") ?? "",
    };
  }, textLength);
export type Focused = Awaited<ReturnType<typeof focused>>;

/** Presses Tab until `done` holds for the focused element (at most `limit` times). */
export async function tabUntil(page: Page, done: (f: Focused) => boolean, limit = 80, options: FocusOptions = {}): Promise<Focused> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const now = await focused(page, options);
    if (done(now)) return now;
  }
  throw new Error(`Tab never reached the element (last: ${JSON.stringify(await focused(page, options))})`);
}

/**
 * The focus indicator of the focused element: the nearest of it and its ancestors (up to 4 levels, for
 * widgets like the code editor whose wrapper draws the ring) with an outline of 2 px or more, and whether
 * an ancestor with hidden overflow cuts that outline off.
 */
export const focusRing = (page: Page) =>
  page.evaluate(() => {
    let ringHolder: Element | null = document.activeElement;
    for (let depth = 0; ringHolder && depth < 5; depth++, ringHolder = ringHolder.parentElement) {
      const style = getComputedStyle(ringHolder);
      if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) break;
    }
    if (!ringHolder || ringHolder === document.body) return { drawn: false, clippedBy: null as string | null };
    const style = getComputedStyle(ringHolder);
    const reach = parseFloat(style.outlineWidth) + Math.max(0, parseFloat(style.outlineOffset) || 0);
    const box = ringHolder.getBoundingClientRect();
    const ring = { left: box.left - reach, top: box.top - reach, right: box.right + reach, bottom: box.bottom + reach };
    for (let ancestor = ringHolder.parentElement; ancestor && ancestor !== document.body; ancestor = ancestor.parentElement) {
      const clip = getComputedStyle(ancestor);
      if (clip.overflowX === "visible" && clip.overflowY === "visible") continue;
      const outer = ancestor.getBoundingClientRect();
      const inner = {
        left: outer.left + parseFloat(clip.borderLeftWidth),
        top: outer.top + parseFloat(clip.borderTopWidth),
        right: outer.right - parseFloat(clip.borderRightWidth),
        bottom: outer.bottom - parseFloat(clip.borderBottomWidth),
      };
      const cut = (clip.overflowX !== "visible" && (ring.left < inner.left - 0.5 || ring.right > inner.right + 0.5)) ||
        (clip.overflowY !== "visible" && (ring.top < inner.top - 0.5 || ring.bottom > inner.bottom + 0.5));
      if (cut) return { drawn: true, clippedBy: `${ancestor.tagName.toLowerCase()}.${String(ancestor.className).split(" ").join(".")}` };
    }
    return { drawn: true, clippedBy: null as string | null };
  });

/** Asserts the focused element shows a whole focus ring (not only a caret). */
export async function expectVisibleFocus(page: Page, what: string) {
  expect(await focusRing(page), `focus ring of ${what}`).toEqual({ drawn: true, clippedBy: null });
}
