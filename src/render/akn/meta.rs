//! The `meta` block: FRBR identification derived from the metadata, index
//! terms, the outcome, the vote, and respub's proprietary details.

use std::io::Result;

use crate::akn::PROPRIETARY_SOURCE;
use crate::model::{Date, Resolution, StatusKind, Tally};

use super::xml::Out;

/// The FRBR names of the document, computed once for the main document
/// and its annexes.
pub struct Ids {
    /// `/akn/un/statement/resolution/security-council/2024-01-10/2722-2024`
    work: String,
    /// The AKN language code (`eng`).
    language: String,
    /// The date of the work, from the document alone: the status date,
    /// else the session's last (or first) day, else `0001-01-01`, the
    /// date AKN4UN writes when it has none.
    work_date: String,
    /// What the work date is the date of.
    work_date_name: &'static str,
    /// The day of the timestamp, for the manifestation.
    made: String,
    /// `un`: the organisation, for `FRBRcountry`.
    country: String,
    /// The number, for `FRBRnumber`.
    number: String,
}

impl Ids {
    /// The names of `res`, whose language AKN names `language`. They come
    /// from the document's own dates, never from `timestamp`
    /// (`SOURCE_DATE_EPOCH` or the build's date), which dates only the
    /// manifestation: the file, not the document.
    pub fn new(res: &Resolution, timestamp: i64, language: &str) -> Ids {
        let meta = &res.meta;
        let made = date_of(timestamp);
        let session = meta.session.as_ref().and_then(|s| s.end.or(s.start));
        let (work_date, work_date_name) = match (meta.status.date, session) {
            (Some(d), _) => (
                d.to_string(),
                match meta.status.kind {
                    StatusKind::Adopted => "adoption",
                    StatusKind::NotAdopted => "voting",
                    StatusKind::Withdrawn => "withdrawal",
                    StatusKind::Draft => "submission",
                },
            ),
            (None, Some(d)) => (d.to_string(), "session"),
            (None, None) => ("0001-01-01".to_string(), "unknown"),
        };
        let org = meta
            .organisation
            .short
            .as_deref()
            .unwrap_or(&meta.organisation.name);
        let country = Some(slug(org))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "xx".into());
        let author = meta
            .body
            .as_deref()
            .map(slug)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| country.clone());
        let number = Some(slug(&meta.number.0))
            .filter(|s| !s.is_empty())
            .or_else(|| Some(slug(&meta.reference.0)).filter(|s| !s.is_empty()))
            .unwrap_or_else(|| "1".into());
        let kind = match meta.status.kind {
            StatusKind::Adopted => "resolution",
            _ => "draftResolution",
        };
        Ids {
            work: format!("/akn/{country}/statement/{kind}/{author}/{work_date}/{number}"),
            language: language.to_string(),
            work_date,
            work_date_name,
            made,
            country,
            number: meta.number.0.clone(),
        }
    }
}

/// Writes `meta`. `component` is empty for the main document and names
/// the annex (`annex_1`) otherwise.
pub fn meta(out: &mut Out, res: &Resolution, ids: &Ids, component: &str) -> Result<()> {
    let main = if component.is_empty() {
        "!main".to_string()
    } else {
        format!("!main/{component}")
    };
    let work = &ids.work;
    let expression = format!("{work}/{}@", ids.language);
    out.start("meta", &[])?;
    out.nl()?;
    out.start("identification", &[("source", PROPRIETARY_SOURCE)])?;
    out.nl()?;
    out.start("FRBRWork", &[])?;
    out.empty("FRBRthis", &[("value", &format!("{work}/{main}"))])?;
    out.empty("FRBRuri", &[("value", work)])?;
    out.empty(
        "FRBRdate",
        &[("date", &ids.work_date), ("name", ids.work_date_name)],
    )?;
    out.empty("FRBRauthor", &[("href", "#author")])?;
    out.empty("FRBRcountry", &[("value", &ids.country)])?;
    if !ids.number.is_empty() {
        out.empty("FRBRnumber", &[("value", &ids.number)])?;
    }
    out.end("FRBRWork")?;
    out.nl()?;
    out.start("FRBRExpression", &[])?;
    out.empty("FRBRthis", &[("value", &format!("{expression}/{main}"))])?;
    out.empty("FRBRuri", &[("value", &expression)])?;
    out.empty(
        "FRBRdate",
        &[("date", &ids.work_date), ("name", ids.work_date_name)],
    )?;
    out.empty("FRBRauthor", &[("href", "#author")])?;
    out.empty("FRBRlanguage", &[("language", &ids.language)])?;
    out.end("FRBRExpression")?;
    out.nl()?;
    out.start("FRBRManifestation", &[])?;
    out.empty(
        "FRBRthis",
        &[("value", &format!("{expression}/{main}.xml"))],
    )?;
    out.empty("FRBRuri", &[("value", &format!("{expression}.akn"))])?;
    out.empty(
        "FRBRdate",
        &[("date", &ids.made), ("name", "transformation")],
    )?;
    out.empty("FRBRauthor", &[("href", "#respub")])?;
    out.end("FRBRManifestation")?;
    out.nl()?;
    out.end("identification")?;
    out.nl()?;
    if component.is_empty() {
        details(out, res, ids)?;
    }
    out.end("meta")?;
    out.nl()
}

/// Everything of `meta` after the identification, for the main document.
fn details(out: &mut Out, res: &Resolution, ids: &Ids) -> Result<()> {
    let meta = &res.meta;
    if !meta.keywords.is_empty() {
        out.start("classification", &[("source", PROPRIETARY_SOURCE)])?;
        for keyword in &meta.keywords {
            let value = Some(slug(keyword))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| keyword.clone());
            out.empty(
                "keyword",
                &[
                    ("value", &value),
                    ("showAs", keyword),
                    ("dictionary", "respub"),
                ],
            )?;
        }
        out.end("classification")?;
        out.nl()?;
    }
    if let Some(date) = meta.status.date {
        let outcome = match meta.status.kind {
            StatusKind::Adopted => "adopted",
            StatusKind::NotAdopted => "notAdopted",
            StatusKind::Withdrawn => "withdrawn",
            StatusKind::Draft => "draftResolution",
        };
        out.start("workflow", &[("source", PROPRIETARY_SOURCE)])?;
        out.empty(
            "step",
            &[
                ("date", &date.to_string()),
                ("by", "#author"),
                ("outcome", outcome),
            ],
        )?;
        out.end("workflow")?;
        out.nl()?;
    }
    if let Some(vote) = &meta.vote {
        out.start("analysis", &[("source", PROPRIETARY_SOURCE)])?;
        out.start("parliamentary", &[])?;
        out.start("voting", &[])?;
        for (refers, tally) in [
            ("#inFavour", &vote.in_favour),
            ("#against", &vote.against),
            ("#abstaining", &vote.abstaining),
        ] {
            count(out, refers, tally)?;
        }
        out.end("voting")?;
        out.end("parliamentary")?;
        out.end("analysis")?;
        out.nl()?;
    }
    out.start("references", &[("source", PROPRIETARY_SOURCE)])?;
    let author = meta.body.as_deref().unwrap_or(&meta.organisation.name);
    let href = format!(
        "/akn/ontology/organization/{}/{}",
        ids.country,
        slug(author)
    );
    out.empty(
        "TLCOrganization",
        &[("eId", "author"), ("href", &href), ("showAs", author)],
    )?;
    if let Some(short) = &meta.organisation.short {
        let href = format!("/akn/ontology/organization/{}", ids.country);
        out.empty(
            "TLCOrganization",
            &[("eId", "publisher"), ("href", &href), ("showAs", short)],
        )?;
    }
    out.empty(
        "TLCOrganization",
        &[
            ("eId", "respub"),
            ("href", "/akn/ontology/organization/respub"),
            ("showAs", "respub"),
        ],
    )?;
    out.end("references")?;
    out.nl()?;
    out.start("proprietary", &[("source", PROPRIETARY_SOURCE)])?;
    out.nl()?;
    if let Some(session) = &meta.session {
        let dates = [session.start, session.end].map(|d| d.map(|d: Date| d.to_string()));
        let mut attributes = Vec::new();
        let fields = [
            ("number", session.number.as_deref()),
            ("place", session.place.as_deref()),
            ("country", session.country.as_deref()),
            ("start", dates[0].as_deref()),
            ("end", dates[1].as_deref()),
            ("name", session.name.as_deref()),
        ];
        for (key, value) in fields {
            if let Some(value) = value {
                attributes.push((key, value));
            }
        }
        out.empty("respub:session", &attributes)?;
        out.nl()?;
    }
    if let Some(item) = &meta.agenda_item {
        out.empty("respub:agenda-item", &[("item", item)])?;
        out.nl()?;
    }
    if let Some(committee) = &meta.committee {
        let mut attributes = Vec::new();
        for (key, value) in [
            ("name", committee.name.as_deref()),
            ("document", committee.document.as_deref()),
        ] {
            if let Some(value) = value {
                attributes.push((key, value));
            }
        }
        out.empty("respub:committee", &attributes)?;
        out.nl()?;
    }
    if let Some(meeting) = &meta.meeting {
        out.empty("respub:meeting", &[("number", meeting)])?;
        out.nl()?;
    }
    if meta.status.date.is_none() && meta.status.kind != StatusKind::Draft {
        let kind = match meta.status.kind {
            StatusKind::Adopted => "adopted",
            StatusKind::NotAdopted => "not-adopted",
            StatusKind::Withdrawn => "withdrawn",
            StatusKind::Draft => "draft",
        };
        out.empty("respub:status", &[("kind", kind)])?;
        out.nl()?;
    }
    for related in &meta.related {
        let mut attributes = vec![("reference", related.reference.as_str())];
        let optional = [
            ("relation", related.relation.as_deref()),
            ("title", related.title.as_deref()),
            ("href", related.href.as_deref()),
        ];
        for (key, value) in optional {
            if let Some(value) = value {
                attributes.push((key, value));
            }
        }
        out.empty("respub:related", &attributes)?;
        out.nl()?;
    }
    out.end("proprietary")?;
    out.nl()
}

fn count(out: &mut Out, refers: &str, tally: &Tally) -> Result<()> {
    let value = tally.count.to_string();
    out.start("count", &[("value", &value), ("refersTo", refers)])?;
    if !tally.members.is_empty() {
        out.start("akn4un:voters", &[])?;
        for member in &tally.members {
            out.element("organization", &[("refersTo", "#memberState")], member)?;
        }
        out.end("akn4un:voters")?;
    }
    out.end("count")
}

/// Lower-case ASCII letters and digits, accents dropped from Latin
/// letters, other runs as `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = fold(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The base letter of an accented Latin letter.
fn fold(c: char) -> char {
    match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò'..='ö' | 'Ò'..='Ö' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        other => other,
    }
}

/// The UTC day of `timestamp`, `YYYY-MM-DD`.
pub fn date_of(timestamp: i64) -> String {
    // Civil from days, after H. Hinnant's public-domain algorithm.
    let z = timestamp.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timestamp_dates_the_file_never_the_document() {
        use crate::model::{Date, Session};
        let mut res = Resolution::default();
        res.meta.number.0 = "6".into();
        res.meta.session = Some(Session {
            end: Date::new(2017, 9, 29),
            ..Session::default()
        });
        for timestamp in [0, 1_700_000_000] {
            let ids = Ids::new(&res, timestamp, "fra");
            assert!(ids.work.ends_with("/2017-09-29/6"), "{}", ids.work);
            assert_eq!(ids.work_date, "2017-09-29");
            assert_eq!(ids.made, date_of(timestamp));
        }
        res.meta.session = None;
        assert_eq!(
            Ids::new(&res, 0, "fra").work,
            Ids::new(&res, 1_700_000_000, "fra").work
        );
    }

    #[test]
    fn dates_and_slugs() {
        assert_eq!(date_of(0), "1970-01-01");
        let d = Date::new(2024, 1, 10).unwrap();
        assert_eq!(date_of(d.unix_seconds() + 3600), "2024-01-10");
        assert_eq!(
            date_of(Date::new(2000, 2, 29).unwrap().unix_seconds()),
            "2000-02-29"
        );
        assert_eq!(slug("2722 (2024)"), "2722-2024");
        assert_eq!(slug("O.I.P.C.-INTERPOL"), "o-i-p-c-interpol");
        assert_eq!(slug("Assemblée générale"), "assemblee-generale");
    }
}
