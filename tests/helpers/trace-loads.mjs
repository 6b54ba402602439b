// Preloaded with --import: records every ES module the process loads, so tests
// can check which bundle chunks a command pulled in.
import { register } from 'node:module';
import { appendFileSync } from 'node:fs';

const file = process.env.NNLEARN_TRACE_FILE;
const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => {
  if (file) appendFileSync(file, url + '\n');
});
port1.unref();
register(
  'data:text/javascript,' +
    encodeURIComponent(
      'let port;export function initialize(d){port=d.port}' +
        'export async function load(url,ctx,next){port.postMessage(url);return next(url,ctx)}',
    ),
  { data: { port: port2 }, transferList: [port2] },
);
