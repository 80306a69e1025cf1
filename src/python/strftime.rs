//! `datetime.strftime` as CPython 3 on glibc runs it, for `{now:...}` and `{utcnow:...}`: CPython
//! itself replaces `%f` (six digits of microseconds), `%z` and `%Z` (empty for a naive time, as
//! bump-my-version's `now` is; `+0000` and `UTC` for its `utcnow`), and hands the rest to the C
//! library, whose C-locale conversions, flags (`-`, `_`, `0`, `^`, `#`), widths and `E`/`O`
//! modifiers are reproduced here. A conversion the C library does not know is copied as written
//! (padded to its width), as glibc copies it.

use chrono::{DateTime, Datelike, FixedOffset, Local, TimeZone, Timelike};

/// A point in time as a Python `datetime`: `aware` when it carries its UTC offset (`utcnow`),
/// naive otherwise (`now`, local time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PyTime {
    pub at: DateTime<FixedOffset>,
    pub aware: bool,
}

const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// What one conversion gives before its flags and width apply.
enum Piece {
    /// A number, zero-padded (space-padded for `%e`, `%k`, `%l`) to `digits`.
    Num {
        n: i64,
        digits: usize,
        space: bool,
    },
    Text(String),
    /// A name (`%a`, `%b`, `%p`...): `#` swaps it to upper case, or to lower case for `%p`/`%Z`.
    Name {
        s: String,
        hash_lower: bool,
    },
}

/// `t.strftime(spec)`.
pub fn format(t: &PyTime, spec: &str) -> String {
    let mut out = String::with_capacity(spec.len() + 16);
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // flags, width, an E/O modifier, the conversion
        let start = i;
        i += 1;
        let (mut upper, mut swap, mut pad) = (false, false, None);
        while let Some(&c @ ('-' | '_' | '0' | '^' | '#')) = chars.get(i) {
            match c {
                '^' => upper = true,
                '#' => swap = true,
                other => pad = Some(other),
            }
            i += 1;
        }
        let width_at = i;
        while chars.get(i).is_some_and(char::is_ascii_digit) {
            i += 1;
        }
        let width: Option<usize> = (i > width_at)
            .then(|| chars[width_at..i].iter().collect::<String>().parse().ok())
            .flatten();
        let modifier = matches!(chars.get(i), Some('E' | 'O'));
        if modifier {
            i += 1;
        }
        let Some(&conv) = chars.get(i) else {
            // a conversion cut short by the end of the spec is copied as written
            out.extend(&chars[start..]);
            break;
        };
        i += 1;
        // CPython's own conversions only directly after the `%`
        let direct = i == start + 2;
        let piece = match conv {
            'f' | 'z' | 'Z' if !direct => None,
            _ => piece(t, conv),
        };
        let Some(piece) = piece else {
            let written: String = chars[start..i].iter().collect();
            pad_to(&mut out, &written, width.unwrap_or(0), ' ');
            continue;
        };
        let text = match piece {
            Piece::Num { n, digits, space } => {
                let (fill, want) = match pad {
                    Some('-') => (' ', width.unwrap_or(0)),
                    Some('_') => (' ', width.unwrap_or(0).max(digits)),
                    Some('0') => ('0', width.unwrap_or(0).max(digits)),
                    _ => (
                        if space { ' ' } else { '0' },
                        width.unwrap_or(0).max(digits),
                    ),
                };
                let body = n.unsigned_abs().to_string();
                let sign = if n < 0 { "-" } else { "" };
                let gap = want.saturating_sub(sign.len() + body.len());
                if fill == '0' {
                    out.push_str(sign);
                    out.extend(std::iter::repeat_n('0', gap));
                } else {
                    out.extend(std::iter::repeat_n(' ', gap));
                    out.push_str(sign);
                }
                out.push_str(&body);
                continue;
            }
            Piece::Text(s) => {
                if upper {
                    s.to_uppercase()
                } else {
                    s
                }
            }
            Piece::Name { s, hash_lower } => {
                if upper || (swap && !hash_lower) {
                    s.to_uppercase()
                } else if swap {
                    s.to_lowercase()
                } else {
                    s
                }
            }
        };
        let fill = if pad == Some('0') { '0' } else { ' ' };
        pad_to(&mut out, &text, width.unwrap_or(0), fill);
    }
    out
}

fn pad_to(out: &mut String, s: &str, width: usize, fill: char) {
    out.extend(std::iter::repeat_n(
        fill,
        width.saturating_sub(s.chars().count()),
    ));
    out.push_str(s);
}

fn num(n: impl Into<i64>, digits: usize) -> Option<Piece> {
    Some(Piece::Num {
        n: n.into(),
        digits,
        space: false,
    })
}

fn name(s: &str) -> Option<Piece> {
    Some(Piece::Name {
        s: s.to_string(),
        hash_lower: false,
    })
}

fn text(s: String) -> Option<Piece> {
    Some(Piece::Text(s))
}

/// One conversion of `t` (`None`: one the C library does not know).
fn piece(t: &PyTime, conv: char) -> Option<Piece> {
    let d = t.at.naive_local();
    let weekday = d.weekday().num_days_from_sunday() as usize;
    let month0 = d.month0() as usize;
    let hour12 = match d.hour() % 12 {
        0 => 12,
        h => h,
    };
    let am_pm = if d.hour() < 12 { "AM" } else { "PM" };
    let spaced = |n: u32| {
        Some(Piece::Num {
            n: n.into(),
            digits: 2,
            space: true,
        })
    };
    let iso = d.iso_week();
    match conv {
        'a' => name(&DAYS[weekday][..3]),
        'A' => name(DAYS[weekday]),
        'b' | 'h' => name(&MONTHS[month0][..3]),
        'B' => name(MONTHS[month0]),
        'p' => Some(Piece::Name {
            s: am_pm.to_string(),
            hash_lower: true,
        }),
        'P' => text(am_pm.to_lowercase()),
        'c' => text(format(t, "%a %b %e %H:%M:%S %Y")),
        'x' | 'D' => text(format(t, "%m/%d/%y")),
        'X' | 'T' => text(format(t, "%H:%M:%S")),
        'F' => text(format(t, "%Y-%m-%d")),
        'R' => text(format(t, "%H:%M")),
        'r' => text(format(t, "%I:%M:%S %p")),
        'd' => num(d.day(), 2),
        'e' => spaced(d.day()),
        'm' => num(d.month(), 2),
        'y' => num(d.year().rem_euclid(100), 2),
        'Y' => num(d.year(), 1),
        'C' => num(d.year().div_euclid(100), 2),
        'G' => num(iso.year(), 1),
        'g' => num(iso.year().rem_euclid(100), 2),
        'V' => num(iso.week(), 2),
        'u' => num(d.weekday().number_from_monday(), 1),
        'w' => num(weekday as u32, 1),
        'j' => num(d.ordinal(), 3),
        'U' => num((d.ordinal() + 6 - weekday as u32) / 7, 2),
        'W' => num(
            (d.ordinal() + 6 - d.weekday().num_days_from_monday()) / 7,
            2,
        ),
        'H' => num(d.hour(), 2),
        'k' => spaced(d.hour()),
        'I' => num(hour12, 2),
        'l' => spaced(hour12),
        'M' => num(d.minute(), 2),
        'S' => num(d.second(), 2),
        // the fields read as local time, as the C library's `mktime` reads them
        's' => num(
            Local
                .from_local_datetime(&d)
                .earliest()
                .map_or(t.at.timestamp(), |l| l.timestamp()),
            1,
        ),
        'n' => text("\n".into()),
        't' => text("\t".into()),
        '%' => text("%".into()),
        'f' => text(format!(
            "{:06}",
            t.at.timestamp_subsec_micros().min(999_999)
        )),
        'z' => text(if t.aware { offset(t) } else { String::new() }),
        'Z' => Some(Piece::Name {
            s: if t.aware { zone_name(t) } else { String::new() },
            hash_lower: true,
        }),
        _ => None,
    }
}

/// `%z`: `+HHMM`, with `SS` when the offset has seconds.
fn offset(t: &PyTime) -> String {
    let secs = t.at.offset().local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.unsigned_abs();
    let mut s = format!("{sign}{:02}{:02}", a / 3600, a / 60 % 60);
    if !a.is_multiple_of(60) {
        s.push_str(&format!("{:02}", a % 60));
    }
    s
}

/// `%Z` of an aware time: `UTC` for `timezone.utc`, else `UTC±HH:MM` as `timezone(offset)`
/// names itself.
fn zone_name(t: &PyTime) -> String {
    let secs = t.at.offset().local_minus_utc();
    if secs == 0 {
        return "UTC".into();
    }
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", a / 3600, a / 60 % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(aware: bool) -> PyTime {
        let at = FixedOffset::east_opt(0)
            .unwrap()
            .with_ymd_and_hms(2024, 3, 1, 17, 5, 9)
            .unwrap()
            + chrono::Duration::microseconds(4321);
        PyTime { at, aware }
    }

    /// Every value below was printed by CPython 3.11.7 on glibc (Linux, TZ=UTC):
    /// `datetime.datetime(2024, 3, 1, 17, 5, 9, 4321).strftime(spec)` for the naive column and
    /// the same with `tzinfo=datetime.timezone.utc` for the aware one.
    const RECORDED: &[(&str, &str, &str)] = &[
        ("%a", "Fri", "Fri"),
        ("%A", "Friday", "Friday"),
        ("%w", "5", "5"),
        ("%d", "01", "01"),
        ("%b", "Mar", "Mar"),
        ("%B", "March", "March"),
        ("%m", "03", "03"),
        ("%y", "24", "24"),
        ("%Y", "2024", "2024"),
        ("%H", "17", "17"),
        ("%I", "05", "05"),
        ("%p", "PM", "PM"),
        ("%M", "05", "05"),
        ("%S", "09", "09"),
        ("%f", "004321", "004321"),
        ("%z", "", "+0000"),
        ("%Z", "", "UTC"),
        ("%j", "061", "061"),
        ("%U", "08", "08"),
        ("%W", "09", "09"),
        ("%c", "Fri Mar  1 17:05:09 2024", "Fri Mar  1 17:05:09 2024"),
        ("%x", "03/01/24", "03/01/24"),
        ("%X", "17:05:09", "17:05:09"),
        ("%%", "%", "%"),
        ("%G", "2024", "2024"),
        ("%u", "5", "5"),
        ("%V", "09", "09"),
        ("%e", " 1", " 1"),
        ("%k", "17", "17"),
        ("%l", " 5", " 5"),
        ("%s", "1709312709", "1709312709"),
        ("%n", "\n", "\n"),
        ("%t", "\t", "\t"),
        ("%C", "20", "20"),
        ("%D", "03/01/24", "03/01/24"),
        ("%F", "2024-03-01", "2024-03-01"),
        ("%T", "17:05:09", "17:05:09"),
        ("%R", "17:05", "17:05"),
        ("%r", "05:05:09 PM", "05:05:09 PM"),
        ("%h", "Mar", "Mar"),
        ("%g", "24", "24"),
        ("%P", "pm", "pm"),
        ("%-d", "1", "1"),
        ("%-m", "3", "3"),
        ("%-H", "17", "17"),
        ("%1d", "01", "01"),
        ("%3d", "001", "001"),
        ("%_5d", "    1", "    1"),
        ("%-5d", "    1", "    1"),
        ("%05e", "00001", "00001"),
        ("%10a", "       Fri", "       Fri"),
        ("%010a", "0000000Fri", "0000000Fri"),
        ("%-j", "61", "61"),
        ("%^p", "PM", "PM"),
        ("%#p", "pm", "pm"),
        ("%#a", "FRI", "FRI"),
        ("%^B", "MARCH", "MARCH"),
        (
            "%^c",
            "FRI MAR  1 17:05:09 2024",
            "FRI MAR  1 17:05:09 2024",
        ),
        ("%4%", "   %", "   %"),
        ("%12F", "  2024-03-01", "  2024-03-01"),
        ("%Oy", "24", "24"),
        ("%EY", "2024", "2024"),
        ("%5Y", "02024", "02024"),
        ("%Q", "%Q", "%Q"),
        ("%+", "%+", "%+"),
        ("%E", "%E", "%E"),
        ("%", "%", "%"),
        ("x%", "x%", "x%"),
        ("%:z", "%:z", "%:z"),
        ("%10f", "      %10f", "      %10f"),
        (
            "%Y-%m-%dT%H:%M:%S.%f%z",
            "2024-03-01T17:05:09.004321",
            "2024-03-01T17:05:09.004321+0000",
        ),
        ("%%f", "%f", "%f"),
    ];

    #[test]
    fn every_code_as_python_formats_it() {
        // `%s` reads the fields as local time: the recorded value is for TZ=UTC
        let utc_here = Local::now().offset().local_minus_utc() == 0;
        for (spec, naive, aware) in RECORDED {
            if spec.contains("%s") && !utc_here {
                continue;
            }
            assert_eq!(format(&at(false), spec), *naive, "naive {spec:?}");
            assert_eq!(format(&at(true), spec), *aware, "aware {spec:?}");
        }
    }
}
