//! Dates of the metadata that contradict each other: a session that ends
//! before it starts, a status dated outside its session.

use crate::diag::Diagnostic;

use super::{Context, Rule};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let meta = &cx.res.meta;
    let Some(session) = &meta.session else {
        return;
    };
    if let (Some(start), Some(end)) = (session.start, session.end) {
        if end < start {
            out.push(
                Rule::Dates
                    .finding(
                        format!("the session ends on {end}, before it starts on {start}"),
                        meta.span,
                    )
                    .with_hint("swap the session's `start` and `end`, or correct one of them"),
            );
            return;
        }
        if let Some(date) = meta.status.date {
            if date < start || date > end {
                out.push(
                    Rule::Dates
                        .finding(
                            format!(
                                "the status is dated {date}, outside the session ({start} to {end}) at which it was {}",
                                meta.status.kind.keyword()
                            ),
                            meta.span,
                        )
                        .with_hint("correct the status date or the session's dates"),
                );
            }
        }
    }
}
