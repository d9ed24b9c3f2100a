/** Paths the JIM client refuses to send: dot segments, plain or percent-encoded. */
import { describe, expect, it } from "vitest";
import { dotSegmentIn } from "../src/jim/client.js";

describe("dot segments", () => {
  it("are found plain and percent-encoded, in any case, and only as whole segments", () => {
    expect(dotSegmentIn("/synchronisation/../apikeys")).toBe("..");
    expect(dotSegmentIn("/service-settings/%2e%2e/apikeys")).toBe("%2e%2e");
    expect(dotSegmentIn("/service-settings/%2E./x")).toBe("%2E.");
    expect(dotSegmentIn("/a/%2e/b")).toBe("%2e");
    expect(dotSegmentIn("/service-settings/Sync.PageSize")).toBeUndefined();
    expect(dotSegmentIn("/a/..b/c?x=..")).toBeUndefined();
  });
});
