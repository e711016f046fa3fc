//! Calendar dates as sources print them (`2026-03-09`, or `2026-03` where only the month is
//! known), and the day arithmetic the stale-record rule needs. No clock: callers pass today.

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day, 1 to 31.
    pub day: u32,
}

/// Parses `YYYY-MM-DD`, or `YYYY-MM` as the first day of that month (so a month-precision
/// date is never treated as fresher than it may be).
pub fn parse_date(text: &str) -> Option<Date> {
    let mut parts = text.split('-');
    let year = parts.next()?;
    let month = parts.next()?;
    let day = parts.next();
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some()
        || year.len() != 4
        || month.len() != 2
        || !digits(year)
        || !digits(month)
        || !day.is_none_or(digits)
    {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    let month: u32 = month.parse().ok()?;
    let day: u32 = match day {
        Some(d) if d.len() == 2 => d.parse().ok()?,
        Some(_) => return None,
        None => 1,
    };
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(Date { year, month, day })
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn day_number(d: Date) -> i64 {
    let y = i64::from(d.year) - i64::from(d.month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(d.month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` days after 1970-01-01 (Howard Hinnant's `civil_from_days`); front ends turn
/// their clock into `today` with it.
pub fn from_unix_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Date { year, month, day }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    day_number(to) - day_number(from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_days_and_months_and_rejects_the_rest() {
        let cases = [
            ("2026-03-09", Some((2026, 3, 9))),
            ("2026-02", Some((2026, 2, 1))),
            ("2024-02-29", Some((2024, 2, 29))),
            ("2026-02-29", None),
            ("2026-13-01", None),
            ("26-01-01", None),
            ("2026-1-01", None),
            ("Mar 9, 2026", None),
            ("2027-12-+1", None),
            ("+027-12-01", None),
            ("2027-+1-01", None),
            ("", None),
        ];
        for (text, want) in cases {
            let got = parse_date(text).map(|d| (d.year, d.month, d.day));
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn counts_days_across_months_and_leap_years() {
        let d = |s| parse_date(s).unwrap();
        assert_eq!(days_between(d("1970-01-01"), d("1970-01-02")), 1);
        assert_eq!(days_between(d("2024-02-28"), d("2024-03-01")), 2);
        assert_eq!(days_between(d("2026-11-23"), d("2026-03-09")), -259);
        assert_eq!(days_between(d("2000-01-01"), d("2001-01-01")), 366);
    }

    #[test]
    fn unix_days_round_trip() {
        for text in ["1970-01-01", "2000-02-29", "2026-11-23", "2100-12-31"] {
            let d = parse_date(text).unwrap();
            let n = days_between(parse_date("1970-01-01").unwrap(), d);
            assert_eq!(from_unix_days(n).to_string(), text);
        }
    }
}
