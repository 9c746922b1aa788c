//! Moments in UTC, broken down the way output formats record them.
//!
//! Writers never read the clock: they are given seconds since 1970
//! ([`super::RenderOptions::timestamp`]) and write them in their format's
//! form with these helpers.

/// `seconds` since 1970 as `YYYY-MM-DDThh:mm:ssZ`, the W3C form that
/// `dcterms` dates take, moved into the years 1 to 9999.
pub fn w3cdtf(seconds: i64) -> String {
    UtcTime::from_unix_clamped(seconds).w3cdtf()
}

/// A UTC date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UtcTime {
    /// Year, 1 to 9999.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month, from 1.
    pub day: u8,
    /// Hour, 0 to 23.
    pub hour: u8,
    /// Minute.
    pub minute: u8,
    /// Second.
    pub second: u8,
}

/// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z in seconds since 1970.
const FIRST: i64 = -62_135_596_800;
const LAST: i64 = 253_402_300_799;

impl UtcTime {
    /// The moment `seconds` after 1970-01-01T00:00:00Z, if it falls in the
    /// years 1 to 9999.
    pub fn from_unix(seconds: i64) -> Option<UtcTime> {
        (FIRST..=LAST)
            .contains(&seconds)
            .then(|| Self::civil(seconds))
    }

    /// Like [`UtcTime::from_unix`], with moments outside the years 1 to
    /// 9999 moved to the nearest end.
    pub fn from_unix_clamped(seconds: i64) -> UtcTime {
        Self::civil(seconds.clamp(FIRST, LAST))
    }

    fn civil(seconds: i64) -> UtcTime {
        let days = seconds.div_euclid(86_400);
        let secs = seconds.rem_euclid(86_400);
        // Civil from days, after H. Hinnant's public-domain algorithm.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        UtcTime {
            year,
            month,
            day,
            hour: (secs / 3600) as u8,
            minute: (secs % 3600 / 60) as u8,
            second: (secs % 60) as u8,
        }
    }

    /// `YYYY-MM-DDThh:mm:ssZ`, the W3C form that `dcterms` dates take.
    pub fn w3cdtf(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    /// The MS-DOS time and date a ZIP entry records for this moment, moved
    /// into the years ZIP can record (1980 to 2107). DOS time counts
    /// seconds in twos.
    pub fn dos(&self) -> (u16, u16) {
        let (year, month, day, hour, minute, second) = if self.year < 1980 {
            (1980, 1, 1, 0, 0, 0)
        } else if self.year > 2107 {
            (2107, 12, 31, 23, 59, 58)
        } else {
            (
                self.year as u16,
                self.month,
                self.day,
                self.hour,
                self.minute,
                self.second,
            )
        };
        let time = (u16::from(hour) << 11) | (u16::from(minute) << 5) | u16::from(second / 2);
        let date = ((year - 1980) << 9) | (u16::from(month) << 5) | u16::from(day);
        (time, date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_time_to_w3cdtf() {
        assert_eq!(w3cdtf(0), "1970-01-01T00:00:00Z");
        assert_eq!(w3cdtf(1_506_643_200), "2017-09-29T00:00:00Z");
        assert_eq!(w3cdtf(951_782_400 + 3661), "2000-02-29T01:01:01Z");
        assert_eq!(w3cdtf(-86_400), "1969-12-31T00:00:00Z");
    }

    #[test]
    fn dates_are_w3c() {
        assert_eq!(w3cdtf(1_506_643_200), "2017-09-29T00:00:00Z");
        assert_eq!(w3cdtf(i64::MIN), "0001-01-01T00:00:00Z");
        assert_eq!(w3cdtf(i64::MAX), "9999-12-31T23:59:59Z");
    }

    use crate::model::Date;

    #[test]
    fn inverts_the_model_s_unix_seconds() {
        for (y, m, d) in [
            (1970, 1, 1),
            (2017, 9, 29),
            (2000, 2, 29),
            (1969, 12, 31),
            (1900, 3, 1),
        ] {
            let t = UtcTime::from_unix(Date::new(y, m, d).unwrap().unix_seconds() + 3661).unwrap();
            assert_eq!(
                (t.year, t.month, t.day, t.hour, t.minute, t.second),
                (y, m, d, 1, 1, 1)
            );
        }
        assert_eq!(UtcTime::from_unix(i64::MAX / 2), None);
        assert_eq!(UtcTime::from_unix_clamped(i64::MIN).year, 1);
    }

    #[test]
    fn writes_w3cdtf_and_zip_times() {
        assert_eq!(
            UtcTime::from_unix_clamped(0).w3cdtf(),
            "1970-01-01T00:00:00Z"
        );
        assert_eq!(
            UtcTime::from_unix_clamped(1_506_643_200).w3cdtf(),
            "2017-09-29T00:00:00Z"
        );
        // 1980-01-01 00:00:00 is date 0x0021, time 0.
        assert_eq!(UtcTime::from_unix_clamped(0).dos(), (0, 0x0021));
        // 2017-09-29 13:45:31: seconds are recorded in twos.
        let seed = UtcTime::from_unix_clamped(1_506_643_200 + 13 * 3600 + 45 * 60 + 31).dos();
        assert_eq!(
            seed,
            ((13 << 11) | (45 << 5) | 15, (37 << 9) | (9 << 5) | 29)
        );
        let late = UtcTime::from_unix_clamped(LAST).dos();
        assert_eq!(
            late,
            ((23 << 11) | (59 << 5) | 29, (127 << 9) | (12 << 5) | 31)
        );
    }
}
