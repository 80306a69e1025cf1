//! CalVer codes (`YYYY`, `0M`, `0D`, ...) as bump-my-version renders them for `calver_format`.

use chrono::{DateTime, Datelike, FixedOffset, Local};

use crate::error::Result;
use crate::template::{self, Value};

/// The current local time (bump-my-version uses the local clock for CalVer).
pub fn now() -> DateTime<FixedOffset> {
    Local::now().fixed_offset()
}

/// Render a `calver_format` such as `{YYYY}.{0M}.{0D}` for `t`.
pub fn render(format: &str, t: &DateTime<FixedOffset>) -> Result<String> {
    let mut ctx = template::Context::new();
    for (k, v) in codes(t) {
        ctx.set(k, Value::Str(v));
    }
    template::render(format, &ctx)
}

fn strip0(s: String) -> String {
    let t = s.trim_start_matches('0');
    if t.is_empty() {
        "0".into()
    } else {
        t.into()
    }
}

/// Every CalVer code and its value at `t`.
pub fn codes(t: &DateTime<FixedOffset>) -> Vec<(&'static str, String)> {
    let year = t.year();
    // calver.org: YY is the year minus 2000, so 2106 is 106
    let short = if year >= 2000 {
        year - 2000
    } else {
        year % 100
    };
    let iso_year = t.iso_week().year();
    let g2 = format!("{:02}", iso_year % 100);
    vec![
        ("YYYY", format!("{year}")),
        ("YY", short.to_string()),
        ("0Y", format!("{short:02}")),
        ("MMM", t.format("%b").to_string()),
        ("MM", t.month().to_string()),
        ("0M", format!("{:02}", t.month())),
        ("DD", t.day().to_string()),
        ("0D", format!("{:02}", t.day())),
        ("JJJ", t.ordinal().to_string()),
        ("00J", format!("{:03}", t.ordinal())),
        ("Q", ((t.month() - 1) / 3 + 1).to_string()),
        ("WW", strip0(t.format("%W").to_string())),
        ("0W", t.format("%W").to_string()),
        ("UU", strip0(t.format("%U").to_string())),
        ("0U", t.format("%U").to_string()),
        ("VV", strip0(t.format("%V").to_string())),
        ("0V", t.format("%V").to_string()),
        ("GGGG", format!("{iso_year}")),
        ("GG", strip0(g2.clone())),
        ("0G", g2),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn renders_common_codes() {
        let t = FixedOffset::east_opt(0)
            .unwrap()
            .with_ymd_and_hms(2025, 3, 7, 0, 0, 0)
            .unwrap();
        assert_eq!(render("{YYYY}.{0M}.{0D}", &t).unwrap(), "2025.03.07");
        assert_eq!(render("{YY}.{MM}.{DD}-{Q}", &t).unwrap(), "25.3.7-1");
        assert_eq!(render("{00J}", &t).unwrap(), "066");
    }
}
