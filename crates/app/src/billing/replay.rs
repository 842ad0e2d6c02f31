//! Rating a customer's interventions in the order they happened: included minutes and prepaid
//! minutes are drawn by earlier work first, so a ticket's charges depend on everything the
//! customer had done before it. Pure: the caller loads the rows.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use podpora_billing::{
    Account, Customer, PlanTerms, PrepaidPackage, PriceList, Rating, RatingError, Terms, TimeEntry,
    WorkKind,
};
use podpora_store::repo::billing::RatedEntryRow;

/// A plan running over a period, as the rating needs it.
#[derive(Debug, Clone)]
pub struct PlanPeriod {
    /// First day.
    pub starts_on: Date,
    /// Last day, if it ends.
    pub ends_on: Option<Date>,
    /// The plan's terms.
    pub terms: PlanTerms,
}

/// Everything about one customer that rating reads besides its entries.
#[derive(Debug, Clone)]
pub struct CustomerBook {
    /// The supplier's price list.
    pub price_list: PriceList,
    /// The customer's price level.
    pub level: String,
    /// The customer's time zone.
    pub zone: TimeZone,
    /// Organization-wide contracts, in start order.
    pub plans: Vec<PlanPeriod>,
    /// Prepaid packages: when bought, and the package.
    pub prepaid: Vec<(Timestamp, PrepaidPackage)>,
}

/// One intervention: the entries of one ticket with one intervention number.
#[derive(Debug, Clone)]
pub struct Intervention {
    /// Ticket id.
    pub ticket_id: i64,
    /// Ticket number.
    pub ticket_number: String,
    /// Its number within the ticket.
    pub number: i64,
    /// Its earliest entry's start.
    pub start: Timestamp,
    /// Its entries.
    pub entries: Vec<TimeEntry>,
    /// Visits made.
    pub visits: u32,
}

/// An intervention and what rating made of it.
#[derive(Debug, Clone)]
pub struct Rated {
    /// The intervention.
    pub intervention: Intervention,
    /// Whether the customer had a plan when it started.
    pub under_plan: bool,
    /// The rating, or why it could not be rated.
    pub rating: Result<Rating, RatingError>,
}

/// Groups entries (in start order) into interventions, in the order of their first start.
pub fn interventions(rows: &[RatedEntryRow]) -> Vec<Intervention> {
    let mut out: Vec<Intervention> = Vec::new();
    let mut index: std::collections::HashMap<(i64, i64), usize> = Default::default();
    for r in rows {
        let Ok(kind) = parse_kind(&r.kind) else {
            continue;
        };
        let Ok(entry) =
            TimeEntry::from_epoch_ms(kind, u32::try_from(r.minutes).unwrap_or(0), r.started_at)
        else {
            continue;
        };
        let visits = u32::try_from(r.visits).unwrap_or(0);
        match index.get(&(r.ticket_id, r.intervention)) {
            Some(&i) => {
                out[i].entries.push(entry);
                out[i].visits = out[i].visits.saturating_add(visits);
            }
            None => {
                index.insert((r.ticket_id, r.intervention), out.len());
                out.push(Intervention {
                    ticket_id: r.ticket_id,
                    ticket_number: r.ticket_number.clone(),
                    number: r.intervention,
                    start: entry.start,
                    entries: vec![entry],
                    visits,
                });
            }
        }
    }
    out
}

/// A kind of work from its stored name.
pub fn parse_kind(s: &str) -> Result<WorkKind, String> {
    WorkKind::ALL
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or_else(|| {
            format!("{s:?} is not a kind of work; use remote, on_site, travel, phone or training")
        })
}

impl CustomerBook {
    /// The plan running on a day, if any.
    pub fn plan_on(&self, day: Date) -> Option<PlanTerms> {
        self.plans
            .iter()
            .rev()
            .find(|p| p.starts_on <= day && p.ends_on.is_none_or(|e| e >= day))
            .map(|p| p.terms)
    }

    /// Rates every intervention in order, drawing on one account; returns each rating and
    /// the account as it is after the last.
    pub fn replay(&self, interventions: Vec<Intervention>) -> (Vec<Rated>, Account) {
        let mut account = Account::default();
        let mut bought = self.prepaid.iter().peekable();
        let mut out = Vec::with_capacity(interventions.len());
        for i in interventions {
            // A package pays only for work that starts after it was bought.
            while let Some((_, p)) = bought.next_if(|(at, _)| *at <= i.start) {
                account.prepaid.push(*p);
            }
            let plan = self.plan_on(self.zone.to_datetime(i.start).date());
            let customer = Customer {
                price_list: &self.price_list,
                level: Some(self.level.as_str()),
                terms: if plan.is_some() {
                    Terms::Contract
                } else {
                    Terms::OneOff
                },
                plan,
                time_zone: &self.zone,
            };
            let rating =
                podpora_billing::rate_intervention(&customer, &i.entries, i.visits, &mut account);
            out.push(Rated {
                intervention: i,
                under_plan: plan.is_some(),
                rating,
            });
        }
        for (_, p) in bought {
            account.prepaid.push(*p);
        }
        (out, account)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(ticket: i64, intervention: i64, at: &str, minutes: i64) -> RatedEntryRow {
        RatedEntryRow {
            organization_id: 1,
            ticket_id: ticket,
            ticket_number: format!("T{ticket}"),
            intervention,
            kind: "remote".into(),
            started_at: at.parse::<Timestamp>().unwrap().as_millisecond(),
            minutes,
            visits: 0,
        }
    }

    fn book(plan: Option<PlanTerms>, prepaid: Vec<(Timestamp, PrepaidPackage)>) -> CustomerBook {
        CustomerBook {
            price_list: PriceList::from_toml(
                "currency = \"EUR\"\n[[rates]]\nkind = \"remote\"\nper_hour = \"45.00\"\nrounding = \"started_half_hour\"",
            )
            .unwrap(),
            level: "standard".into(),
            zone: TimeZone::get("Europe/Bratislava").unwrap(),
            plans: plan
                .map(|terms| PlanPeriod {
                    starts_on: jiff::civil::date(2026, 1, 1),
                    ends_on: None,
                    terms,
                })
                .into_iter()
                .collect(),
            prepaid,
        }
    }

    #[test]
    fn included_minutes_are_drawn_by_earlier_interventions_first() {
        let plan = PlanTerms {
            remote_minutes_per_month: 180,
            ..PlanTerms::default()
        };
        let rows = [
            row(1, 1, "2026-11-02T08:00:00Z", 100),
            row(2, 1, "2026-11-03T08:00:00Z", 70),
            row(1, 2, "2026-11-04T08:00:00Z", 40),
            row(1, 3, "2026-12-01T08:00:00Z", 40),
        ];
        let (rated, _) = book(Some(plan), vec![]).replay(interventions(&rows));
        let nets: Vec<i64> = rated
            .iter()
            .map(|r| r.rating.as_ref().unwrap().net.minor())
            .collect();
        assert_eq!(nets, [0, 0, 2250, 0], "December has its 3 hours again");
    }

    #[test]
    fn a_package_pays_only_for_work_after_it_was_bought() {
        let bought: Timestamp = "2026-11-05T00:00:00Z".parse().unwrap();
        let pkg = PrepaidPackage {
            minutes: 60,
            expires_at: "2027-01-01T00:00:00Z".parse().unwrap(),
        };
        let rows = [
            row(1, 1, "2026-11-02T08:00:00Z", 30),
            row(1, 2, "2026-11-06T08:00:00Z", 30),
        ];
        let (rated, account) = book(None, vec![(bought, pkg)]).replay(interventions(&rows));
        let nets: Vec<i64> = rated
            .iter()
            .map(|r| r.rating.as_ref().unwrap().net.minor())
            .collect();
        assert_eq!(nets, [2250, 0]);
        assert_eq!(account.prepaid_left(bought), 30);
    }

    #[test]
    fn entries_of_one_intervention_are_rated_together() {
        let rows = [
            row(1, 1, "2026-11-02T08:00:00Z", 20),
            row(1, 1, "2026-11-02T09:00:00Z", 20),
        ];
        let (rated, _) = book(None, vec![]).replay(interventions(&rows));
        assert_eq!(rated.len(), 1);
        assert_eq!(rated[0].rating.as_ref().unwrap().net.minor(), 4500);
    }
}
