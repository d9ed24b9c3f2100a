/** The next step an HTTP error suggests follows what JIM's body actually said. */
import { describe, expect, it } from "vitest";
import { httpError } from "../src/jim/errors.js";

const base = { method: "POST", path: "/api/v1/x", rawText: "" };

describe("next steps for JIM's errors", () => {
  it("400: fields to correct only when JIM named fields", () => {
    const named = httpError({
      ...base,
      status: 400,
      body: { code: "VALIDATION_ERROR", message: "Invalid.", validationErrors: { name: ["Required."] } },
    });
    expect(named.nextStep).toMatch(/Correct the fields JIM named/);
    const reason = httpError({
      ...base,
      status: 400,
      body: { code: "BAD_REQUEST", message: "The partition is not selected.", validationErrors: null },
    });
    expect(reason.nextStep).not.toMatch(/fields/);
    expect(reason.nextStep).toMatch(/reason above/);
    const bare = httpError({ ...base, status: 400, body: undefined });
    expect(bare.nextStep).toMatch(/input schema/);
  });

  it("403: the HTTPS rule when JIM says FORBIDDEN with a message; the role otherwise", () => {
    const https = httpError({
      ...base,
      status: 403,
      body: { code: "FORBIDDEN", message: "Password operations require HTTPS." },
    });
    expect(https.nextStep).toMatch(/https:\/\//);
    expect(https.nextStep).not.toMatch(/Administrator/);
    const role = httpError({ ...base, status: 403, body: undefined });
    expect(role.nextStep).toMatch(/Administrator role/);
  });
});
