import { describe, expect, it } from "vitest";
import { returnPageResponse } from "@/lib/lti/deep-linking/return-page";

describe("the page that posts a deep linking response to the LMS", () => {
  it("allows a form to the return URL's origin only, runs only its own nonce'd script, and posts the JWT field there", async () => {
    const returnUrl = "https://canvas.example.edu/courses/7/deep_linking_response?modal=true&x=\"<y>";
    const response = returnPageResponse(returnUrl, "a.b.c");
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("form-action https://canvas.example.edu;");
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("frame-ancestors 'self' https://canvas.example.edu");
    const nonce = /script-src 'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    const html = await response.text();
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain('action="https://canvas.example.edu/courses/7/deep_linking_response?modal=true&#38;x=&#34;&#60;y&#62;"');
    expect(html).toContain('<input type="hidden" name="JWT" value="a.b.c">');
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
