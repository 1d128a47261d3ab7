// quire serve: the web server.
import { serve } from "../server.js";
import { configOrExit } from "./context.js";

export async function serveCommand(): Promise<void> {
  await serve(configOrExit());
}
