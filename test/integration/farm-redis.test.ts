/**
 * The office render farm on BullMQ's Redis backend: Debian's redis-server,
 * started here on a random loopback port with persistence off (`.ci/run`
 * installs it). Skipped, saying why, where it is not installed.
 */
import { describe, it } from 'vitest';
import { redisServerPath, startRedisFarm } from './farm-fixture.js';
import { farmSuite } from './farm-suite.js';

if (redisServerPath()) farmSuite({ backend: 'redis', start: () => startRedisFarm() });
else {
  console.warn('farm-redis: SKIPPED: redis-server is not installed (apt-get install -y redis-server; .ci/run installs it)');
  describe.skip('office render farm on redis (redis-server is not installed)', () => it('needs redis-server', () => undefined));
}
