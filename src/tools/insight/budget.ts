/**
 * A fixed request bound for the one-call summaries: every JIM request they make
 * goes through a counting view of the client, so the number used is exact and
 * can never pass the bound the tool states.
 */
import type { JimClient, JimRequest, JimResponse } from "../../jim/client.js";

export class RequestBudget {
  used = 0;
  constructor(readonly limit: number) {}

  /** A view of `jim` whose every request is counted; one past the limit is refused before it is sent. */
  wrap(jim: JimClient): JimClient {
    const view = Object.create(jim) as JimClient;
    view.request = <T>(req: JimRequest): Promise<JimResponse<T>> => {
      if (this.used >= this.limit) {
        return Promise.reject(
          new Error(`Internal request bound of ${this.limit} JIM requests reached; nothing more was sent.`),
        );
      }
      this.used += 1;
      return jim.request<T>(req);
    };
    return view;
  }

  /** "12 of at most 18". */
  describe(): string {
    return `${this.used} of at most ${this.limit}`;
  }
}
