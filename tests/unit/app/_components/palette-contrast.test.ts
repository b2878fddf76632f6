import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EDITOR_SYNTAX_COLOURS } from "@/app/_components/editor-highlight";
import { contrastRatio, rootCustomProperties } from "../../../helpers/contrast";

const palette = rootCustomProperties(readFileSync(new URL("../../../../app/globals.css", import.meta.url), "utf8"));
const colour = (name: string) => {
  if (name.startsWith("#")) return name;
  const value = palette.get(name);
  if (!value) throw new Error(`globals.css declares no ${name}`);
  return value;
};

// Where each pair is used: text (4.5:1, WCAG 1.4.3) or a focus ring against the page (3:1, WCAG 1.4.11).
const TEXT_PAIRS: Array<[foreground: string, background: string, where: string]> = [
  ["--text", "--bg", "body text"],
  ["--muted", "--bg", "muted text on the page"],
  ["--muted", "--surface", "muted text in cards"],
  ["--accent", "--surface", "the logo's 'grade' in the header"],
  ["#ffffff", "--accent", "white label of a primary button"],
  ["#ffffff", "--accent-strong", "white label of a hovered primary button"],
  ["--accent-strong", "--bg", "links on the page"],
  ["--accent-strong", "--surface", "links in cards"],
  ["--accent-strong", "--badge-bg", "badges"],
  ["--danger", "--surface", "errors and failed tests"],
  ["--success", "--surface", "passed tests and solved status"],
  ["--warning-text", "--surface", "attempted status"],
  ["--code-gutter-text", "--code-gutter-bg", "editor line numbers"],
  ["--code-gutter-text", "--code-active-gutter-bg", "editor line number of the active line"],
  // The editor's syntax colours sit on the editor's background, active line included.
  ...Object.entries(EDITOR_SYNTAX_COLOURS).map(([token, hex]): [string, string, string] => [hex, "--code-bg", `editor ${token} tokens`]),
];

describe("the colour palette in app/globals.css", () => {
  it.each(TEXT_PAIRS)("%s on %s (%s) reaches 4.5:1", (foreground, background) => {
    expect(contrastRatio(colour(foreground), colour(background))).toBeGreaterThanOrEqual(4.5);
  });

  it("focus ring stands out from the page and from cards by 3:1", () => {
    expect(contrastRatio(colour("--focus-ring"), colour("--bg"))).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(colour("--focus-ring"), colour("--surface"))).toBeGreaterThanOrEqual(3);
  });

  it("computes the ratios WCAG gives for known pairs (so the checks above can fail)", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#d9480f", "#ffffff")).toBeCloseTo(4.3, 1);
    expect(contrastRatio("#777", "#fff")).toBeCloseTo(4.48, 2);
  });
});
