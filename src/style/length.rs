//! Lengths written with their unit (`25mm`, `11pt`, `1in`, `2.5cm`).

use std::fmt;

use serde::Deserialize;

/// A length, stored in PostScript points (1/72 inch).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Length(pub f64);

impl Length {
    /// The length in points.
    pub fn pt(self) -> f64 {
        self.0
    }

    /// The length in millimetres.
    pub fn mm(self) -> f64 {
        self.0 * 25.4 / 72.0
    }

    /// The length in twentieths of a point, as OOXML measures page and
    /// paragraph geometry.
    pub fn twips(self) -> i64 {
        (self.0 * 20.0).round() as i64
    }

    /// The length in half-points, as OOXML measures font sizes.
    pub fn half_points(self) -> i64 {
        (self.0 * 2.0).round() as i64
    }

    /// Parses `25mm`, `11pt`, `2.5cm` or `1in`.
    pub fn parse(text: &str) -> Option<Length> {
        let text = text.trim();
        let split = text.find(|c: char| c.is_ascii_alphabetic())?;
        let (number, unit) = text.split_at(split);
        let value: f64 = number.trim().parse().ok()?;
        if !value.is_finite() || !(0.0..=10_000.0).contains(&value) {
            return None;
        }
        let factor = match unit {
            "pt" => 1.0,
            "mm" => 72.0 / 25.4,
            "cm" => 72.0 / 2.54,
            "in" => 72.0,
            _ => return None,
        };
        Some(Length(value * factor))
    }
}

impl fmt::Display for Length {
    /// Points with up to four decimals, as Typst and CSS read them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rounded = (self.0 * 10_000.0).round() / 10_000.0;
        write!(f, "{rounded}pt")
    }
}

impl<'de> Deserialize<'de> for Length {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Length::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a length; write a number and a unit: `25mm`, `11pt`, `2.5cm` or `1in`"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_units() {
        assert_eq!(Length::parse("72pt"), Some(Length(72.0)));
        assert_eq!(Length::parse("1in"), Some(Length(72.0)));
        assert!((Length::parse("25.4mm").unwrap().pt() - 72.0).abs() < 1e-9);
        assert!((Length::parse("2.54cm").unwrap().pt() - 72.0).abs() < 1e-9);
        assert_eq!(Length::parse("12"), None);
        assert_eq!(Length::parse("12px"), None);
        assert_eq!(Length::parse("-3mm"), None);
    }

    #[test]
    fn converts_for_ooxml() {
        assert_eq!(Length(11.0).half_points(), 22);
        assert_eq!(Length::parse("210mm").unwrap().twips(), 11906);
    }
}
