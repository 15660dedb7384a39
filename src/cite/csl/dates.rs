//! `cs:date`: localized (`form="text"`/`"numeric"`) and style-defined dates.

use super::output::Blob;
use super::render::Renderer;
use super::style::Node;

impl Renderer<'_> {
    /// Renders a `cs:date` element for the item's date variable.
    pub fn render_date(&mut self, node: &Node, out: &mut Vec<Blob>) {
        let Some(var) = node.attr("variable") else {
            return;
        };
        let date = if self.suppressed.contains(var) {
            None
        } else {
            self.item.date(var)
        };
        self.note_variable(var, date.is_some());
        let Some(date) = date else { return };
        let Some((year, month, day)) = date.start() else {
            if let Some(lit) = date.literal.clone() {
                out.push(self.leaf(node, lit, true));
            }
            return;
        };
        if self.cite.sorting {
            out.push(Blob::text(super::sort::date_key(year, month, day)));
            return;
        }
        let localized = node
            .attr("form")
            .and_then(|f| self.locale.date_format(f))
            .cloned();
        let parts: Vec<Node> = match &localized {
            Some(fmt) => {
                let wanted = node.attr("date-parts").unwrap_or("year-month-day");
                fmt.children_named("date-part")
                    .filter(|p| match p.attr("name") {
                        Some("year") => true,
                        Some("month") => wanted != "year",
                        Some("day") => wanted == "year-month-day",
                        _ => false,
                    })
                    .map(|p| {
                        let mut p = p.clone();
                        if let Some(over) = node
                            .children_named("date-part")
                            .find(|o| o.attr("name") == p.attr("name"))
                        {
                            for (k, v) in &over.attrs {
                                if k != "prefix" && k != "suffix" {
                                    p.attrs.retain(|(pk, _)| pk != k);
                                    p.attrs.push((k.clone(), v.clone()));
                                }
                            }
                        }
                        p
                    })
                    .collect()
            }
            None => node.children_named("date-part").cloned().collect(),
        };
        let mut kids = Vec::new();
        for p in &parts {
            let text = match p.attr("name") {
                Some("year") => {
                    let y = match p.attr("form") {
                        Some("short") => format!("{:02}", year.rem_euclid(100)),
                        _ if year < 0 => format!("{}BC", -year),
                        _ => year.to_string(),
                    };
                    y + &self.implicit_year_suffix()
                }
                Some("month") if month > 0 => self.month(month, p.attr("form").unwrap_or("long")),
                Some("day") if day > 0 => match p.attr("form") {
                    Some("numeric-leading-zeros") => format!("{day:02}"),
                    Some("ordinal") if day == 1 || !self.locale.limit_day_ordinals_to_day_1 => {
                        format!("{day}{}", self.locale.ordinal(day as i64))
                    }
                    _ => day.to_string(),
                },
                _ => continue,
            };
            // A style's ordinal term may carry inline markup (`<sup>er</sup>`), which
            // citeproc-js writes as such.
            let markup = text.contains('<');
            kids.push(self.leaf(p, text, markup));
        }
        if localized.is_some() {
            // A suffix ending the locale's format stays ("1998年4月10日", "1998 г."),
            // a delimiter before a part the date lacks does not.
            if let Some(last) = kids.last_mut() {
                if last.suffix.trim().is_empty() || last.suffix.trim() == "," {
                    last.suffix.clear();
                }
            }
        }
        if kids.is_empty() {
            return;
        }
        let mut blob = Blob::group(kids);
        self.apply_affixes(node, &mut blob);
        if let (Some(p), Some(s)) = (
            self.nested_affix(node, "prefix"),
            self.nested_affix(node, "suffix"),
        ) {
            (blob.prefix, blob.suffix) = (p, s);
        }
        // A localized date takes the locale's delimiter (e.g. " " between short parts).
        let delimiter = match &localized {
            Some(fmt) => fmt.attr("delimiter"),
            None => node.attr("delimiter"),
        };
        blob.delimiter = delimiter.unwrap_or("").to_string();
        out.push(blob);
    }

    fn month(&self, month: u32, form: &str) -> String {
        match form {
            "numeric" => month.to_string(),
            "numeric-leading-zeros" => format!("{month:02}"),
            _ => {
                let name = if month > 12 {
                    format!("season-{:02}", (month - 13) % 4 + 1)
                } else {
                    format!("month-{month:02}")
                };
                self.locale
                    .term(&name, form, false)
                    .unwrap_or_default()
                    .to_string()
            }
        }
    }
}
