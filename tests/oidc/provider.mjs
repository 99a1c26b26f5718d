// A real OpenID Provider for the single sign-on tests: `oidc-provider` (a certified
// implementation) on 127.0.0.1. Usage: node provider.mjs CONFIG.json
//
// CONFIG.json: {"port": 0, "clients": [...], "accounts": "accounts.json", "idTokenSeconds": 600}
// The accounts file is read again on every lookup, so a test removes a user by rewriting it:
// {"alice": {"email": "...", "email_verified": true, "name": "...", "groups": ["..."]}}
// Once listening, the script prints one line: {"issuer": "http://127.0.0.1:PORT"}.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));

function readAccounts() {
  return JSON.parse(readFileSync(config.accounts, 'utf8'));
}

async function findAccount(_ctx, id) {
  const account = readAccounts()[id];
  if (!account) return undefined; // removed: refresh and userinfo are refused from now on
  return {
    accountId: id,
    async claims() {
      return { sub: id, ...account };
    },
  };
}

// Listen first: the issuer names the port the system picked.
const server = createServer();
await new Promise((resolve) => {
  server.listen(config.port || 0, '127.0.0.1', resolve);
});
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: config.clients,
  findAccount,
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified', 'xms_edov'],
    profile: ['name'],
    groups: ['groups'],
  },
  scopes: ['openid', 'offline_access', 'email', 'profile', 'groups'],
  pkce: { required: () => true },
  // A refresh token for every client allowed the grant, as Keycloak does by default.
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  ttl: {
    IdToken: config.idTokenSeconds || 600,
    AccessToken: 600,
    AuthorizationCode: 60,
    Grant: 3600,
    Interaction: 600,
    Session: 3600,
    RefreshToken: 3600,
  },
  features: {
    devInteractions: { enabled: true },
  },
  cookies: { keys: ['test-only-cookie-key'] },
});
provider.on('server_error', (_ctx, error) => {
  console.error('server_error', error);
});

server.on('request', provider.callback());
console.log(JSON.stringify({ issuer }));
