//! A value formatted by a field's spec (`{name:spec}`) as Python formats it: the format-spec
//! mini-language (fill, align, sign, `0`, width, grouping, precision, type) for strings and
//! integers, `{now:%Y-%m-%d}` as Python's `strftime` (`super::strftime`) for times; and `int()`
//! and `str()` of a datetime as Python reads and writes them.

use super::strftime::{self, PyTime};

/// `format(dt, spec)`: `str(dt)` without a spec, else the spec as a strftime pattern.
pub fn format_time(t: &PyTime, spec: &str, out: &mut String) -> Result<(), String> {
    if spec.is_empty() {
        out.push_str(&python_datetime_str(t));
    } else {
        out.push_str(&strftime::format(t, spec));
    }
    Ok(())
}

/// `int(s)` as Python reads it: surrounding whitespace, a sign, digits with single underscores.
pub fn parse_python_int(s: &str) -> Option<i128> {
    let t = s.trim();
    let (neg, digits) = match t.as_bytes().first()? {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits.bytes().all(|b| b.is_ascii_digit() || b == b'_')
    {
        return None;
    }
    let n: i128 = if digits.contains('_') {
        digits.replace('_', "").parse().ok()?
    } else {
        digits.parse().ok()?
    };
    Some(if neg { -n } else { n })
}

/// `str(dt)`: `YYYY-MM-DD HH:MM:SS`, `.ffffff` when there are microseconds, the offset
/// (`+00:00`) when the time is aware.
pub fn python_datetime_str(t: &PyTime) -> String {
    let mut s = strftime::format(t, "%Y-%m-%d %H:%M:%S");
    if t.at.timestamp_subsec_micros() != 0 {
        s.push_str(&strftime::format(t, ".%f"));
    }
    if t.aware {
        let z = strftime::format(t, "%z");
        s.push_str(&format!("{}:{}", &z[..3], &z[3..]));
    }
    s
}

/// The widest field (and the longest precision) a format spec may ask for. Python takes any
/// width that fits in a machine word and then runs out of memory on a huge one; a version string
/// never needs more than a few digits, so anything past this is an error, not an allocation.
pub const MAX_WIDTH: usize = 10_000;

/// A width or precision as written: Python's error for more digits than fit in a machine word,
/// and ours past [`MAX_WIDTH`].
fn bounded(digits: &[char], what: &str) -> Result<usize, String> {
    let text: String = digits.iter().collect();
    let n: usize = text
        .parse()
        .map_err(|_| "too many decimal digits in format string".to_string())?;
    if n > MAX_WIDTH {
        return Err(format!("{what} {n} is larger than {MAX_WIDTH}"));
    }
    Ok(n)
}

struct Spec {
    fill: char,
    align: Option<char>,
    sign: Option<char>,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
}

fn parse_spec(spec: &str) -> Result<Spec, String> {
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut s = Spec {
        fill: ' ',
        align: None,
        sign: None,
        zero: false,
        width: 0,
        grouping: None,
        precision: None,
        ty: None,
    };
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = chars[0];
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        s.sign = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    if i > start {
        s.width = bounded(&chars[start..i], "width")?;
    }
    if i < chars.len() && matches!(chars[i], ',' | '_') {
        s.grouping = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        let ps = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        s.precision = Some(if i > ps {
            bounded(&chars[ps..i], "precision")?
        } else {
            0
        });
    }
    if i < chars.len() {
        s.ty = Some(chars[i]);
        i += 1;
    }
    if i != chars.len() {
        return Err(format!("invalid format specifier `{spec}`"));
    }
    Ok(s)
}

fn pad(body: String, sign: &str, spec: &Spec, default_align: char, out: &mut String) {
    let len = body.chars().count() + sign.chars().count();
    let (fill, align) = if spec.zero && spec.align.is_none() {
        ('0', '=')
    } else {
        (spec.fill, spec.align.unwrap_or(default_align))
    };
    if len >= spec.width {
        out.push_str(sign);
        out.push_str(&body);
        return;
    }
    let n = spec.width - len;
    let fills = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
    match align {
        '<' => {
            out.push_str(sign);
            out.push_str(&body);
            out.push_str(&fills(n));
        }
        '^' => {
            out.push_str(&fills(n / 2));
            out.push_str(sign);
            out.push_str(&body);
            out.push_str(&fills(n - n / 2));
        }
        '=' => {
            out.push_str(sign);
            out.push_str(&fills(n));
            out.push_str(&body);
        }
        _ => {
            out.push_str(&fills(n));
            out.push_str(sign);
            out.push_str(&body);
        }
    }
}

/// `format(s, spec)` of a `str`.
pub fn format_str(s: &str, spec: &str, out: &mut String) -> Result<(), String> {
    if spec.is_empty() {
        out.push_str(s);
        return Ok(());
    }
    let sp = parse_spec(spec)?;
    if !matches!(sp.ty, None | Some('s')) || sp.sign.is_some() || sp.grouping.is_some() {
        return Err(format!("format spec `{spec}` does not apply to a string"));
    }
    let body: String = match sp.precision {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    };
    pad(body, "", &sp, '<', out);
    Ok(())
}

/// `format(n, spec)` of an `int`.
pub fn format_int(n: i128, spec: &str, out: &mut String) -> Result<(), String> {
    if spec.is_empty() {
        out.push_str(&n.to_string());
        return Ok(());
    }
    let sp = parse_spec(spec)?;
    let abs = n.unsigned_abs();
    let mut body = match sp.ty {
        None | Some('d') | Some('n') => abs.to_string(),
        Some('x') => format!("{abs:x}"),
        Some('X') => format!("{abs:X}"),
        Some('o') => format!("{abs:o}"),
        Some('b') => format!("{abs:b}"),
        Some(c) => return Err(format!("unknown format code '{c}' for an integer")),
    };
    if let Some(g) = sp.grouping {
        let digits: Vec<char> = body.chars().collect();
        let mut grouped = String::new();
        for (k, c) in digits.iter().enumerate() {
            if k > 0 && (digits.len() - k).is_multiple_of(3) {
                grouped.push(g);
            }
            grouped.push(*c);
        }
        body = grouped;
    }
    let sign = match (n < 0, sp.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    };
    pad(body, sign, &sp, '>', out);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_int_rules() {
        assert_eq!(parse_python_int(" 1_0 "), Some(10));
        assert_eq!(parse_python_int("rc1"), None);
        assert_eq!(parse_python_int("-3"), Some(-3));
    }

    /// A width of 10⁹ used to abort the process on allocation failure (exit 134), and one that
    /// overflows a machine word was silently ignored where Python raises.
    #[test]
    fn huge_widths_and_precisions_are_errors_not_allocations() {
        let fmt = |spec: &str| {
            let mut out = String::new();
            format_int(7, spec, &mut out).map(|_| out)
        };
        assert_eq!(fmt("03").unwrap(), "007");
        assert_eq!(fmt("10000").unwrap().len(), MAX_WIDTH);
        assert_eq!(
            fmt("01000000000").unwrap_err(),
            "width 1000000000 is larger than 10000"
        );
        assert_eq!(
            fmt("99999999999999999999999").unwrap_err(),
            "too many decimal digits in format string"
        );
        let mut out = String::new();
        assert_eq!(
            format_str("x", ".20000", &mut out).unwrap_err(),
            "precision 20000 is larger than 10000"
        );
    }
}
