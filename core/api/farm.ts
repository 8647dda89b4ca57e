/**
 * The farm's part of the API contract: the office render farm's workers and
 * jobs for the queue panel (`farm.status`), read from the farm this PC joined
 * (`klipkota farm serve` or `farm work --join`). Only zod here, so the contract
 * and core/farm.ts can both import it.
 */
import { z } from 'zod';

/** The farm's state as `klipkota farm status` and the queue panel show it. */
export const FarmStatusSchema = z.object({
  backend: z.enum(['postgres', 'redis']),
  /** the farm's address without its password */
  address: z.string(),
  counts: z.object({ waiting: z.number(), active: z.number(), done: z.number(), parked: z.number() }),
  workers: z.array(z.object({ name: z.string(), busyWith: z.array(z.string()) })),
  jobs: z.array(
    z.object({
      id: z.string(),
      projectName: z.string(),
      presets: z.array(z.string()),
      /** parked: failed three times, kept with its error */
      state: z.enum(['waiting', 'active', 'done', 'parked']),
      percent: z.number().optional(),
      worker: z.string().optional(),
      attempts: z.number(),
      /** share-relative output files (done, or finished so far) */
      outputs: z.array(z.string()),
      /** in the UI's language */
      error: z.string().optional(),
    }),
  ),
});
export type FarmStatus = z.infer<typeof FarmStatusSchema>;

export const farmChannels = {
  /** the farm this PC joined: not joined, unreachable (with why, in the UI's language) or its workers and jobs */
  'farm.status': {
    request: z.strictObject({}),
    response: z.object({ joined: z.boolean(), status: FarmStatusSchema.optional(), error: z.string().optional() }),
  },
} as const;
