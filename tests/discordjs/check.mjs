// Runs the official discord.js client against the fake Discord of tests/channels/fake_discord.rs:
// log in (REST /gateway/bot, then Gateway v10 Identify → READY → GUILD_CREATE), print "ready",
// answer the two messages the Rust test then dispatches (a DM with channel.send, a guild mention
// with message.reply), and exit 0. Any surprise exits non-zero with the reason on stderr.
//
// Usage: node tests/discordjs/check.mjs <port>, run from the directory holding node_modules
// (target/discordjs). discord.js is loaded from the working directory because ES modules ignore
// NODE_PATH. Set DISCORDJS_DEBUG=1 to see discord.js's own debug log on stderr.
import { createRequire } from 'node:module';
import path from 'node:path';

const TOKEN = 'discord-test-token';
const BOT_ID = '900000000000000001';
const port = process.argv[2];
if (!port) {
  console.error('usage: node check.mjs <port>');
  process.exit(64);
}

const require = createRequire(path.join(process.cwd(), 'check.cjs'));
const { ChannelType, Client, Events, GatewayIntentBits, Partials } = require('discord.js');

function fail(why) {
  console.error(`check.mjs: ${why}`);
  process.exit(1);
}
const deadline = setTimeout(() => fail('timed out after 30 s'), 30_000);

const client = new Client({
  intents: [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.DirectMessages,
    GatewayIntentBits.MessageContent,
  ],
  // DM channels are not cached before their first message: without this, DMs are dropped.
  partials: [Partials.Channel],
  rest: { api: `http://127.0.0.1:${port}/api`, timeout: 5_000, retries: 1 },
});
if (process.env.DISCORDJS_DEBUG) client.on(Events.Debug, (m) => console.error('[debug]', m));
client.on(Events.Error, (e) => fail(`client error: ${e?.stack ?? e}`));

client.once(Events.ClientReady, (c) => {
  if (c.user.id !== BOT_ID || c.user.username !== 'clawbot' || !c.user.bot) fail(`bad user ${JSON.stringify(c.user)}`);
  if (c.guilds.cache.size !== 1) fail(`expected one guild from GUILD_CREATE, got ${c.guilds.cache.size}`);
  console.log('ready');
});

// One reply at a time, so the Rust side sees them in dispatch order.
let chain = Promise.resolve();
let answered = 0;
client.on(Events.MessageCreate, (message) => {
  if (message.author.id === client.user.id) return; // our own replies come back as MESSAGE_CREATE
  chain = chain.then(async () => {
    if (message.guildId) {
      if (message.channel.type !== ChannelType.GuildText) fail(`guild channel type ${message.channel.type}`);
      if (!message.mentions.users.has(client.user.id)) fail('the guild message should mention the bot');
      await message.reply({ content: `echo: ${message.content}`, allowedMentions: { parse: [], repliedUser: false } });
    } else {
      if (message.channel.type !== ChannelType.DM) fail(`DM channel type ${message.channel.type}`);
      await message.channel.send(`echo: ${message.content}`);
    }
    answered += 1;
    if (answered === 2) {
      clearTimeout(deadline);
      await client.destroy();
      process.exit(0);
    }
  }).catch((e) => fail(`reply failed: ${e?.stack ?? e}`));
});

client.login(TOKEN).catch((e) => fail(`login failed: ${e?.stack ?? e}`));
