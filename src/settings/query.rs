//! Settings to and from a URL query, so that a link restores a run exactly. Reading never fails:
//! a bad value is replaced (by the nearest allowed value, or the default) and a notice names it.

use serde_json::{Map, Value};

use super::{Settings, ranges};

/// Keys the page itself reads (not settings); they are passed over here without a notice.
pub const PAGE_KEYS: [&str; 7] =
    ["backend", "embed", "autoplay", "hide", "preset", "speed", "compare"];

/// Longest value echoed back in a notice.
const ECHO_LIMIT: usize = 40;

/// Settings read from a query, with a notice for every value that was not used as given.
#[derive(Debug, Clone, PartialEq)]
pub struct QuerySettings {
    /// The settings to run with (always valid).
    pub settings: Settings,
    /// One line per replaced or ignored value.
    pub notices: Vec<String>,
}

/// Reads `query` (with or without the leading `?`) on top of `base`.
pub fn settings_from_query(query: &str, base: &Settings) -> QuerySettings {
    let defaults = to_map(base);
    let mut fields = defaults.clone();
    let mut notices = Vec::new();
    let mut seen: Vec<String> = Vec::new();

    for (key, raw) in pairs(query) {
        if PAGE_KEYS.contains(&key.as_str()) {
            continue;
        }
        let Some(default) = defaults.get(&key) else {
            notices.push(format!("unknown setting '{}' ignored", echo(&key)));
            continue;
        };
        if seen.contains(&key) {
            notices.push(format!("{key} was given more than once; the first value is used"));
            continue;
        }
        seen.push(key.clone());
        match parse_like(default, &raw, &key) {
            Ok(value) => {
                fields.insert(key, value);
            }
            Err(why) => notices.push(format!("{key}: {why}; using {}", show(default))),
        }
    }

    let mut settings: Settings =
        serde_json::from_value(Value::Object(fields)).unwrap_or_else(|_| base.clone());
    clamp_ranges(&mut settings, &mut notices);
    if let Err(error) = settings.validate() {
        // A combination the ranges alone do not catch (a window longer than the series): fall
        // back on the base value of the field named.
        notices.push(format!("{error}; using the default"));
        settings = restore_field(settings, error.field, base);
    }
    QuerySettings { settings, notices }
}

/// Writes every setting as `key=value&…`, in the struct's field order.
pub fn settings_to_query(settings: &Settings) -> String {
    to_map(settings)
        .iter()
        .map(|(key, value)| format!("{key}={}", encode(&show(value))))
        .collect::<Vec<_>>()
        .join("&")
}

fn to_map(settings: &Settings) -> Map<String, Value> {
    match serde_json::to_value(settings) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// A value as plain text (strings without quotes).
fn show(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn echo(text: &str) -> String {
    let mut shown: String = text.chars().take(ECHO_LIMIT).collect();
    if text.chars().count() > ECHO_LIMIT {
        shown.push('…');
    }
    shown
}

/// Parses `raw` as the same kind of value as `default` (an enum name is checked by the caller's
/// deserialisation, so it is tried on its own here).
fn parse_like(default: &Value, raw: &str, key: &str) -> Result<Value, String> {
    let bad = || format!("'{}' is not a valid value", echo(raw));
    match default {
        Value::Bool(_) => match raw {
            "true" | "1" => Ok(Value::Bool(true)),
            "false" | "0" => Ok(Value::Bool(false)),
            _ => Err(bad()),
        },
        Value::Number(n) if n.is_u64() => raw
            .trim()
            .parse::<u64>()
            .map(Value::from)
            .map_err(|_| format!("'{}' is not a whole number", echo(raw))),
        Value::Number(_) => match raw.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Value::from(v)),
            _ => Err(format!("'{}' is not a finite number", echo(raw))),
        },
        Value::String(_) => {
            let candidate = Value::String(raw.to_string());
            let mut probe = to_map(&Settings::default());
            probe.insert(key.to_string(), candidate.clone());
            match serde_json::from_value::<Settings>(Value::Object(probe)) {
                Ok(_) => Ok(candidate),
                Err(_) => Err(bad()),
            }
        }
        _ => Err(bad()),
    }
}

/// Moves every numeric setting into its range, with a notice for each one moved.
fn clamp_ranges(settings: &mut Settings, notices: &mut Vec<String>) {
    for range in ranges() {
        let Some(value) = settings.numeric(range.field) else { continue };
        let clamped = value.clamp(range.min, range.max);
        if clamped != value {
            notices.push(format!(
                "{} = {} is outside {} to {}; using {clamped}",
                range.field,
                short_number(value),
                range.min,
                range.max
            ));
            let mut map = to_map(settings);
            let is_whole = matches!(map.get(range.field), Some(Value::Number(n)) if n.is_u64());
            let replacement =
                if is_whole { Value::from(clamped.round() as u64) } else { Value::from(clamped) };
            map.insert(range.field.to_string(), replacement);
            if let Ok(updated) = serde_json::from_value(Value::Object(map)) {
                *settings = updated;
            }
        }
    }
}

/// A number as written, or in exponent form when that would be long (1e-300 has 300 digits).
fn short_number(value: f64) -> String {
    let plain = value.to_string();
    if plain.len() <= 24 { plain } else { format!("{value:e}") }
}

/// `settings` with `field` taken from `base`; the base itself if that is still not valid.
fn restore_field(settings: Settings, field: &str, base: &Settings) -> Settings {
    let mut map = to_map(&settings);
    if let Some(value) = to_map(base).get(field) {
        map.insert(field.to_string(), value.clone());
    }
    match serde_json::from_value::<Settings>(Value::Object(map)) {
        Ok(fixed) if fixed.validate().is_ok() => fixed,
        _ => base.clone(),
    }
}

/// The `key=value` pairs of a query, percent-decoded.
pub fn pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            (decode(key), decode(value))
        })
        .collect()
}

/// Percent-decoding with `+` as a space; malformed escapes are kept as they are.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(high), Some(low)) => {
                    out.push(high * 16 + low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The value of one hexadecimal digit (bytes, so that non-ASCII text cannot split a character).
fn hex(byte: u8) -> Option<u8> {
    (byte as char).to_digit(16).map(|d| d as u8)
}

/// Percent-encodes everything but unreserved characters.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loss::LossKind;
    use crate::settings::ModelKind;

    #[test]
    fn a_query_round_trips_every_setting() {
        let settings = Settings {
            model: ModelKind::Lstm,
            loss: LossKind::Huber,
            huber_delta: 0.25,
            lr: 0.003,
            seed: 12345678901,
            normalise: false,
            ..Settings::default()
        };
        let query = settings_to_query(&settings);
        let read = settings_from_query(&query, &Settings::default());
        assert_eq!(read.notices, Vec::<String>::new());
        assert_eq!(read.settings, settings);
    }

    #[test]
    fn out_of_range_values_are_clamped_with_a_notice() {
        let read = settings_from_query("?lr=50&hidden=100000", &Settings::default());
        assert_eq!(read.settings.lr, 10.0);
        assert_eq!(read.settings.hidden, 256);
        assert_eq!(read.notices.len(), 2, "{:?}", read.notices);
        assert!(read.notices[0].starts_with("hidden") || read.notices[0].starts_with("lr"));
    }

    #[test]
    fn malformed_values_fall_back_to_defaults_and_are_named() {
        let read =
            settings_from_query("lr=abc&model=transformer&epochs=-3&bogus=1", &Settings::default());
        assert_eq!(read.settings, Settings::default());
        let text = read.notices.join("\n");
        for field in ["lr", "model", "epochs", "bogus"] {
            assert!(text.contains(field), "{field} not named in {text}");
        }
    }

    #[test]
    fn nan_and_overflowing_numbers_are_refused() {
        for value in ["NaN", "1e309", "inf", ""] {
            let read = settings_from_query(&format!("lr={value}"), &Settings::default());
            assert_eq!(read.settings.lr, Settings::default().lr, "{value}");
            assert_eq!(read.notices.len(), 1, "{value}");
        }
    }

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(
            pairs("a=%3Cb%3E&c=d+e&f=%zz"),
            vec![
                ("a".to_string(), "<b>".to_string()),
                ("c".to_string(), "d e".to_string()),
                ("f".to_string(), "%zz".to_string()),
            ]
        );
    }

    #[test]
    fn an_impossible_window_is_replaced() {
        let read = settings_from_query("series_length=100&window=200", &Settings::default());
        assert!(read.settings.validate().is_ok());
        assert!(!read.notices.is_empty());
    }
}
