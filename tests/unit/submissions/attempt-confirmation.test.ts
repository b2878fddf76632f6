import { describe, expect, it } from "vitest";
import { attemptConfirmation } from "@/lib/submissions/attempt-confirmation";
import { reasonOfRetryMessage, retryMessage } from "@/lib/rate-limit/retry-message";

describe("attemptConfirmation", () => {
  it("names the attempt about to be spent and the limit, and says when it is the last", () => {
    expect(attemptConfirmation(0, 3)).toBe("This is attempt 1 of 3. Submit it for grading?");
    expect(attemptConfirmation(2, 3)).toBe("This is attempt 3 of 3, your last. Submit it for grading?");
  });

  it("asks nothing when attempts are unlimited", () => {
    expect(attemptConfirmation(7, null)).toBeNull();
  });
});

describe("retry messages", () => {
  it("says how long to wait, and gives back the reason so that a page can count down", () => {
    const message = retryMessage("Too many runs (30 a minute).", 42);
    expect(message).toBe("Too many runs (30 a minute). Try again in 42 s.");
    expect(reasonOfRetryMessage(message)).toBe("Too many runs (30 a minute).");
    expect(retryMessage(reasonOfRetryMessage(message), 41)).toBe("Too many runs (30 a minute). Try again in 41 s.");
    expect(reasonOfRetryMessage(undefined)).toBe("Too many requests.");
  });
});
