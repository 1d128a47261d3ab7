import { it } from "vitest";
import { loggedInAgent, buildWork } from "../../../test/support/factories.js";
import { createTestApp } from "../../../test/support/test-app.js";
it("scratch", async () => {
  const t = await createTestApp("sqlite");
  const { agent, user } = await loggedInAgent(t.app, t.ctx);
  const w = await buildWork(t.ctx, user, { text: 'He said "hi" & <b>left</b>', rating: "Mature" });
  const res = await agent.get(`/works/${w.id}/edit`);
  console.log(res.body.slice(res.body.indexOf("<form", res.body.indexOf("<main"))));
  await t.close();
});
