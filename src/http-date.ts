// HTTP dates as RFC 9110 section 5.6.7 defines them, read strictly: Date.parse accepts far more ("Mon 1" is a day
// in 2001, "-1" the year -1), and a Retry-After read that way means "retry now".

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const day = "(Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const longDay = "(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const month = `(${months.join("|")})`;
const time = "(\\d{2}):(\\d{2}):(\\d{2})";

/** `Sun, 06 Nov 1994 08:49:37 GMT`, the form senders must use. */
const imfFixdate = new RegExp(`^${day}, (\\d{2}) ${month} (\\d{4}) ${time} GMT$`);
/** `Sunday, 06-Nov-94 08:49:37 GMT`, obsolete. */
const rfc850 = new RegExp(`^${longDay}, (\\d{2})-${month}-(\\d{2}) ${time} GMT$`);
/** `Sun Nov  6 08:49:37 1994`, ANSI C's asctime(), obsolete. */
const asctime = new RegExp(`^${day} ${month} ([ \\d]\\d) ${time} (\\d{4})$`);

/** Milliseconds since the epoch of a real calendar time, or undefined (Date.UTC would roll 31 Feb into March). */
function utc(year: number, monthName: string, date: number, hours: number, minutes: number, seconds: number): number | undefined {
  const monthIndex = months.indexOf(monthName);
  const value = Date.UTC(year, monthIndex, date, hours, minutes, seconds);
  const back = new Date(value);
  const same = back.getUTCFullYear() === year && back.getUTCMonth() === monthIndex && back.getUTCDate() === date;
  return same && hours < 24 && minutes < 60 && seconds < 61 ? value : undefined;
}

/** An RFC 850 two-digit year: one that would be more than 50 years ahead is in the previous century (RFC 9110). */
function fullYear(twoDigits: number, now: number): number {
  const current = new Date(now).getUTCFullYear();
  const year = Math.floor(current / 100) * 100 + twoDigits;
  return year > current + 50 ? year - 100 : year;
}

/** Parses an HTTP date in any of its three forms; undefined for anything else, a near miss included. */
export function parseHttpDate(text: string, now = Date.now()): number | undefined {
  const value = text.trim();
  let m = imfFixdate.exec(value);
  if (m) return utc(Number(m[4]), m[3]!, Number(m[2]), Number(m[5]), Number(m[6]), Number(m[7]));
  m = rfc850.exec(value);
  if (m) return utc(fullYear(Number(m[4]), now), m[3]!, Number(m[2]), Number(m[5]), Number(m[6]), Number(m[7]));
  m = asctime.exec(value);
  if (m) return utc(Number(m[7]), m[2]!, Number(m[3]!.trim()), Number(m[4]), Number(m[5]), Number(m[6]));
  return undefined;
}
