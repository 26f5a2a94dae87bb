/** Calendar dates in the operator's time zone (the one terms are counted in), as YYYY-MM-DD. */
const ymd = (at: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Today, tomorrow, this week's Sunday and the Monday after it (dueBefore is exclusive), for the dashboard. */
export function operatorDays(now: number, timeZone: string) {
  const today = ymd(new Date(now), timeZone);
  const weekday = new Date(`${today}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  const weekEnd = addDays(today, (7 - weekday) % 7);
  return { today, tomorrow: addDays(today, 1), weekEnd, afterWeek: addDays(weekEnd, 1), monthAgo: addDays(today, -30) };
}
