import type { DemoChannel } from './operation.js';
import { CUSTOMER_FIRST_NAMES, CUSTOMER_LAST_NAMES, PHONE_PLANS } from './operation.js';
import { rngFor } from './random.js';

/** Who wrote in. Drawn from (seed, day, sequence) so a transcript always shows the same person. */
export interface DemoCustomer {
  first: string;
  last: string;
  name: string;
  /** E.164. Always on WhatsApp, sometimes from the web chat's form, never on Instagram. */
  phone?: string;
}

export function customerOf(seed: number, dayNumber: number, seq: number, channel: DemoChannel): DemoCustomer {
  const rng = rngFor(seed, dayNumber, seq, 0xc057);
  const first = rng.pick(CUSTOMER_FIRST_NAMES);
  const last = rng.pick(CUSTOMER_LAST_NAMES);
  const customer: DemoCustomer = { first, last, name: `${first} ${last}` };
  const wantsPhone = channel === 'whatsapp' || (channel === 'webchat' && rng.chance(0.4));
  if (!wantsPhone) return customer;
  let draw = rng.next();
  let plan = PHONE_PLANS[0]!;
  for (const candidate of PHONE_PLANS) {
    plan = candidate;
    draw -= candidate.weight;
    if (draw < 0) break;
  }
  let digits = '';
  for (let i = 0; i < plan.digits; i += 1) digits += String(rng.int(0, 9));
  customer.phone = `+${plan.code}${rng.pick(plan.prefix)}${digits}`;
  return customer;
}
