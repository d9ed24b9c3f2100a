import { describe, expect, it } from "vitest";
import { ConsentSealer, canonicalJson, TOKEN_TTL_MS } from "../src/tools/consent.js";

describe("confirmation tokens", () => {
  const args = { connectedSystemId: 2, containerId: 11, selected: false };

  it("canonical JSON ignores key order and undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [2, { z: 1, y: 2 }] } })).toBe(
      '{"a":{"c":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("a token works once, for the same tool, arguments and connection", () => {
    const s = new ConsentSealer();
    const { token } = s.issue("container_set_selection", args, "c1");
    expect(
      s.redeem(
        token,
        "container_set_selection",
        { selected: false, containerId: 11, connectedSystemId: 2 },
        "c1",
      ),
    ).toBe(true);
    expect(s.redeem(token, "container_set_selection", args, "c1")).toBe("used");
  });

  it("the token itself is not part of the arguments it seals", () => {
    const s = new ConsentSealer();
    const { token } = s.issue("t", args, "c1");
    expect(s.redeem(token, "t", { ...args, confirmationToken: token }, "c1")).toBe(true);
  });

  it("refuses other arguments, tools, connections, tampering and expiry", () => {
    let now = 1_000_000;
    const s = new ConsentSealer(undefined, () => now);
    const { token } = s.issue("t", args, "c1");
    expect(s.redeem(token, "t", { ...args, containerId: 12 }, "c1")).toBe("other_arguments");
    expect(s.redeem(token, "other", args, "c1")).toBe("other_tool");
    expect(s.redeem(token, "t", args, "c2")).toBe("other_connection");
    const [p, body, sig] = token.split(".");
    const forged = JSON.parse(Buffer.from(body!, "base64url").toString());
    forged.c = "c2";
    expect(
      s.redeem(`${p}.${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${sig}`, "t", args, "c2"),
    ).toBe("bad_signature");
    expect(s.redeem("garbage", "t", args, "c1")).toBe("malformed");
    expect(new ConsentSealer().redeem(token, "t", args, "c1")).toBe("bad_signature");
    now += TOKEN_TTL_MS + 1;
    expect(s.redeem(token, "t", args, "c1")).toBe("expired");
  });
});
