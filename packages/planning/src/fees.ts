import { divHalfUp, parseExact, parseScaled, type Exact } from './decimal.js';
import { fromMinor } from './money.js';

export interface FeeInput {
  /** Media cost before agency commission and VAT. */
  net: string;
  agencyCommissionPercent: string;
  vatPercent: string;
  /** Commission is charged on net media; the field lets a caller state that base explicitly. */
  commissionBase?: 'net';
}

export interface FeeBreakdown {
  net: string;
  commission: string;
  grossExVat: string;
  vat: string;
  grossIncVat: string;
}

export interface GrossInput {
  grossIncVat: string;
  agencyCommissionPercent: string;
  vatPercent: string;
}

/** A net found from a gross, with the breakdown that net really produces and the percentages used. */
export type NetFromGross = FeeBreakdown & { agencyCommissionPercent: string; vatPercent: string };

interface Minor {
  net: bigint;
  commission: bigint;
  grossExVat: bigint;
  vat: bigint;
  grossIncVat: bigint;
}

function readPercent(value: string, what: string): Exact {
  return parseExact(value, what);
}

function percentOf(amount: bigint, percent: Exact): bigint {
  return divHalfUp(amount * percent.units, 100n * 10n ** BigInt(percent.scale));
}

// Each rounded amount is derived from rounded amounts and the totals are plain sums, so an
// invoice reproduces line by line and grossIncVat = net + commission + vat holds exactly.
function breakdown(net: bigint, commissionPercent: Exact, vatPercent: Exact): Minor {
  const commission = percentOf(net, commissionPercent);
  const grossExVat = net + commission;
  const vat = percentOf(grossExVat, vatPercent);
  return { net, commission, grossExVat, vat, grossIncVat: grossExVat + vat };
}

function format(m: Minor): FeeBreakdown {
  return {
    net: fromMinor(m.net),
    commission: fromMinor(m.commission),
    grossExVat: fromMinor(m.grossExVat),
    vat: fromMinor(m.vat),
    grossIncVat: fromMinor(m.grossIncVat),
  };
}

/**
 * Net media → commission (net × commission %) → gross ex VAT → VAT (gross ex VAT × VAT %) →
 * gross inc VAT, each rounded half-up to 2 decimals. Amounts may be negative (credit notes);
 * percentages may not.
 */
export function feeBreakdown(input: FeeInput): FeeBreakdown {
  if (input.commissionBase !== undefined && input.commissionBase !== 'net') {
    throw new RangeError(`commissionBase must be 'net', got ${JSON.stringify(input.commissionBase)}`);
  }
  const net = parseScaled(input.net, 2, 'net', true);
  return format(breakdown(net, readPercent(input.agencyCommissionPercent, 'agencyCommissionPercent'), readPercent(input.vatPercent, 'vatPercent')));
}

/**
 * The net whose feeBreakdown lands closest to the given gross inc VAT (on a tie, the net whose gross
 * does not exceed it). Rounding twice on the way up means not every gross is reachable: the result's
 * grossIncVat differs from the one asked for by at most 0.01 when VAT ≤ 50 % and commission ≤ 100 %,
 * and by at most 0.02 when both are ≤ 100 %. Gross rises by at most 1 + ⌈c⌉ + ⌈v·(1 + ⌈c⌉)⌉ minor
 * units per minor unit of net (c, v as fractions), and the closest net is never more than half such
 * a step away. The returned grossIncVat is the one the net really produces, so show that one.
 */
export function netFromGross(input: GrossInput): NetFromGross {
  const gross = parseScaled(input.grossIncVat, 2, 'grossIncVat', true);
  const c = readPercent(input.agencyCommissionPercent, 'agencyCommissionPercent');
  const v = readPercent(input.vatPercent, 'vatPercent');
  const target = gross < 0n ? -gross : gross;
  const grossOf = (net: bigint) => breakdown(net, c, v).grossIncVat;

  // Start from the exact quotient gross / ((1 + c)(1 + v)), then walk: gross strictly rises with net.
  const cHundred = 100n * 10n ** BigInt(c.scale);
  const vHundred = 100n * 10n ** BigInt(v.scale);
  let net = divHalfUp(target * cHundred * vHundred, (cHundred + c.units) * (vHundred + v.units));
  while (net > 0n && grossOf(net) > target) net--;
  while (grossOf(net + 1n) <= target) net++;
  if (grossOf(net + 1n) - target < target - grossOf(net)) net++;

  // Half-up rounding is symmetric about zero, so a credit mirrors the search for its magnitude.
  const result = format(breakdown(gross < 0n ? -net : net, c, v));
  return { ...result, agencyCommissionPercent: input.agencyCommissionPercent, vatPercent: input.vatPercent };
}
