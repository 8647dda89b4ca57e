/**
 * The API's farm area, behind the queue panel's farm section: the workers and
 * jobs of the office farm this PC joined (`klipkota farm serve` or `farm work
 * --join` remembered it). The farm's libraries are loaded only when asked; an
 * unreachable farm is an answer with its reason, not an error, so the panel
 * keeps working.
 */
import { isKlipError } from '@core/errors.js';
import type { ApiContext, Implementations } from './context.js';

/** how long the panel waits for the farm before saying it cannot be reached */
const FARM_TIMEOUT_MS = 5000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

export function farmHandlers(context: ApiContext): Implementations<'farm.status'> {
  return {
    'farm.status': async () => {
      const { farmToUse } = await import('../farm/joined.js');
      const farm = await farmToUse({ home: context.home }).catch((error: unknown) => {
        if (isKlipError(error) && (error.code === 'farm-not-joined' || error.code === 'farm-join-code')) return undefined;
        throw error;
      });
      if (!farm) return { joined: false };
      const { farmStatus } = await import('../farm/status.js');
      const { publicAddress } = await import('../farm/connection.js');
      try {
        return { joined: true, status: await withTimeout(farmStatus({ url: farm.join.url, language: context.language(), limit: 50 }), FARM_TIMEOUT_MS) };
      } catch (error) {
        const { farmUnreachableText } = await import('../farm/joined.js');
        return { joined: true, error: farmUnreachableText({ address: publicAddress(farm.join.url), detail: error instanceof Error ? error.message : String(error) })[context.language()] };
      }
    },
  };
}
