// Runs Slack's official Socket Mode client (@slack/socket-mode, with @slack/web-api for the Web
// API) against the fake Slack of tests/channels/fake_slack.rs: open a connection
// (apps.connections.open → WebSocket → hello), print "connected N" on each hello, acknowledge
// every envelope, answer the two user messages the Rust test sends (a DM, then a mention in a
// thread after a `disconnect refresh_requested`) with chat.postMessage, and exit 0. Any surprise
// exits non-zero with the reason on stderr.
//
// Usage: node tests/slackjs/check.mjs <port>, run from the directory holding node_modules
// (target/slackjs). The packages are loaded from the working directory because ES modules
// ignore NODE_PATH. Set SLACKJS_DEBUG=1 to see the client's debug log on stderr.
import { createRequire } from 'node:module';
import path from 'node:path';

const APP_TOKEN = 'xapp-1-A0APP-1-fakeapptoken';
const BOT_TOKEN = 'xoxb-1-fakebottoken';
const port = process.argv[2];
if (!port) {
  console.error('usage: node check.mjs <port>');
  process.exit(64);
}

const require = createRequire(path.join(process.cwd(), 'check.cjs'));
const { SocketModeClient, LogLevel } = require('@slack/socket-mode');
const { WebClient } = require('@slack/web-api');

function fail(why) {
  console.error(`check.mjs: ${why}`);
  process.exit(1);
}
const deadline = setTimeout(() => fail('timed out after 30 s'), 30_000);

const slackApiUrl = `http://127.0.0.1:${port}/api/`;
const logLevel = process.env.SLACKJS_DEBUG ? LogLevel.DEBUG : LogLevel.ERROR;
const client = new SocketModeClient({ appToken: APP_TOKEN, logLevel, clientOptions: { slackApiUrl } });
const web = new WebClient(BOT_TOKEN, { slackApiUrl, logLevel, retryConfig: { retries: 0 } });

let connects = 0;
client.on('connected', () => {
  connects += 1;
  console.log(`connected ${connects}`);
});
client.on('error', (e) => fail(`client error: ${e?.stack ?? e} cause: ${e?.original?.stack ?? e?.original ?? e?.cause}`));

// A channel mention arrives twice (message and app_mention): answer it once.
const seen = new Set();
let chain = Promise.resolve();
let answered = 0;
let me;
async function handle({ event, ack, retry_num }) {
  await ack();
  if (retry_num !== 0) fail(`an envelope was retried (retry_num ${retry_num}): the ack did not reach the fake`);
  if (event.bot_id || event.user === me) return; // our own posts come back as events
  const key = `${event.channel}:${event.ts}`;
  if (seen.has(key)) return;
  seen.add(key);
  chain = chain.then(async () => {
    const args = { channel: event.channel, text: `echo: ${event.text}` };
    if (event.thread_ts) args.thread_ts = event.thread_ts;
    const sent = await web.chat.postMessage(args);
    if (!sent.ok || !sent.ts) fail(`chat.postMessage: ${JSON.stringify(sent)}`);
    answered += 1;
    if (answered === 2) {
      clearTimeout(deadline);
      await client.disconnect();
      process.exit(0);
    }
  }).catch((e) => fail(`reply failed: ${e?.stack ?? e}`));
}
client.on('message', handle);
client.on('app_mention', handle);

try {
  const auth = await web.auth.test();
  me = auth.user_id;
  if (me !== 'U0BOT' || auth.bot_id !== 'B0BOT') fail(`auth.test: ${JSON.stringify(auth)}`);
  // A bot token cannot open Socket Mode connections.
  const wrong = new WebClient(BOT_TOKEN, { slackApiUrl, logLevel, retryConfig: { retries: 0 } });
  await wrong.apps.connections.open().then(
    () => fail('apps.connections.open accepted a bot token'),
    (e) => { if (e?.data?.error !== 'not_allowed_token_type') fail(`expected not_allowed_token_type: ${e}`); },
  );
  await client.start();
} catch (e) {
  fail(`start failed: ${e?.stack ?? e}`);
}
