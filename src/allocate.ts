import { DECIMAL_PATTERN, Decimal, toCanonicalString } from "./core/decimal.js";
import { type Issue, MrvValidationError } from "./core/errors.js";
import { formatPath } from "./core/path.js";

/**
 * Splits whole credits by agreed percentages (jcm-rules §8) with the largest-remainder method:
 * each party gets the floor of its exact share, and the credits left over go one each to the
 * largest fractional remainders, ties broken by the order the shares are given. The parts always
 * add up to the total. This is the library's rule, not a Joint Committee rule.
 *
 * @param total whole credits, e.g. "355"
 * @param shares percentages as decimal strings summing to exactly 100, e.g. { Japan: "50", Bangladesh: "50" }
 */
export function allocateCredits(total: string, shares: Readonly<Record<string, string>>): Record<string, string> {
  const issues: Issue[] = [];
  if (typeof total !== "string" || !/^[0-9]+$/.test(total)) {
    issues.push({
      path: "total",
      code: "invalid-total",
      message: "total credits must be a whole number ≥ 0 given as a string",
      expected: 'digits, e.g. "355"',
      found: JSON.stringify(total),
    });
  }
  const entries = Object.entries(shares ?? {});
  if (entries.length === 0)
    issues.push({
      path: "shares",
      code: "empty",
      message: "at least one share is needed",
      expected: '{ "party": "percent" }',
      found: "{}",
    });
  for (const [party, share] of entries) {
    if (typeof share !== "string" || !DECIMAL_PATTERN.test(share) || share.startsWith("-")) {
      issues.push({
        path: formatPath(["shares", party]),
        code: "invalid-share",
        message: `share of ${party} must be a non-negative decimal percentage string`,
        expected: 'e.g. "50" or "33.34"',
        found: JSON.stringify(share),
      });
    }
  }
  if (issues.length === 0) {
    const sum = entries.reduce((acc, [, s]) => acc.plus(s), new Decimal(0));
    if (!sum.eq(100))
      issues.push({
        path: "shares",
        code: "shares-not-100",
        message: "shares must sum to exactly 100",
        expected: "100",
        found: toCanonicalString(sum),
      });
  }
  if (issues.length > 0) throw new MrvValidationError(issues);

  const whole = new Decimal(total);
  // total × share has few digits: exact at 34 significant digits; ÷ 100 only shifts the point.
  const exact = entries.map(([party, share], index) => ({ party, index, exact: whole.times(share).div(100) }));
  const parts = exact.map((e) => ({ ...e, floor: e.exact.floor(), remainder: e.exact.minus(e.exact.floor()) }));
  let left = whole.minus(parts.reduce((acc, p) => acc.plus(p.floor), new Decimal(0)));
  const byRemainder = [...parts].sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  const extra = new Set<number>();
  for (const p of byRemainder) {
    if (!left.gt(0)) break;
    extra.add(p.index);
    left = left.minus(1);
  }
  return Object.fromEntries(
    parts.map((p) => [p.party, toCanonicalString(extra.has(p.index) ? p.floor.plus(1) : p.floor)]),
  );
}
