// Preloaded with --import: records every ES module the process loads, so tests
// can check which bundle chunks a command pulled in.
import { register } from 'node:module';

// The hook appends each URL itself, synchronously, from the loader's thread: a message
// back to the main thread can still be in flight when a short command exits (Node 24).
const file = process.env.NNLEARN_TRACE_FILE;
if (file) {
  register(
    'data:text/javascript,' +
      encodeURIComponent(
        "import{appendFileSync}from'node:fs';let file;export function initialize(d){file=d.file}" +
          "export async function load(url,ctx,next){appendFileSync(file,url+'\\n');return next(url,ctx)}",
      ),
    { data: { file } },
  );
}
