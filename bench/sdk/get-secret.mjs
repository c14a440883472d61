// One cold `secret get` through the official SDK, as a fresh process would do it: the login is cached in
// a state file (like coffer's), so a warm state file means no identity round trip.
// Usage: node get-secret.mjs SERVER_URL SECRET_ID STATE_FILE   (the access token in BWS_ACCESS_TOKEN)
import sdk from '@bitwarden/sdk-napi';

const [server, secretId, stateFile] = process.argv.slice(2);
const client = new sdk.BitwardenClient({ apiUrl: `${server}/api`, identityUrl: `${server}/identity`, deviceType: sdk.DeviceType.SDK }, 4);
await client.auth().loginAccessToken(process.env.BWS_ACCESS_TOKEN, stateFile);
const secret = await client.secrets().get(secretId);
process.stdout.write(secret.value + '\n');
