//! Repeats inside one article: the same act by the same actors reported again
//! (headline and lead) becomes one event with repeats; distinct dates stay distinct.

use detente_doc::{DateFrom, Event};

/// Add `event`, or fold it into an earlier event it repeats.
pub fn merge_or_push(events: &mut Vec<Event>, event: Event) {
    let same = events.iter_mut().find(|e| {
        let dates_agree = e.date == event.date || e.date_from != DateFrom::Text || event.date_from != DateFrom::Text;
        e.cameo == event.cameo
            && e.source_code == event.source_code
            && e.target_code == event.target_code
            && dates_agree
            && (e.evidence.sentence != event.evidence.sentence || e.evidence.trigger == event.evidence.trigger)
    });
    match same {
        Some(e) if e.evidence.trigger == event.evidence.trigger => {}
        Some(e) => {
            // a date stated in the text beats one taken from the publication day
            if e.date_from != DateFrom::Text && event.date_from == DateFrom::Text {
                e.date = event.date.clone();
                e.date_from = event.date_from;
                e.date_time = event.date_time;
            }
            e.repeats.push(event.evidence)
        }
        None => events.push(event),
    }
}
