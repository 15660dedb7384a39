#![no_main]
//! Any style file: formatting an item ends in an entry or a coded `CiteError`, never a
//! panic, a hang or a crash. Inputs starting with `<?xml` or `<style` are whole files; other
//! inputs are spliced into a bibliography layout and a macro, so the renderer sees them.

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use tidings::cite::{find_style, format_with, Format, Item};

fn item() -> &'static Item {
    static ITEM: OnceLock<Item> = OnceLock::new();
    ITEM.get_or_init(|| {
        Item::from_json(
            r#"{"id": "f", "type": "article-newspaper", "title": "A \"quoted\" title: and more",
               "author": [{"family": "Berg", "given": "Anna", "non-dropping-particle": "van der", "suffix": "Jr."},
                          {"literal": "Xinhua"}],
               "container-title": "Daily", "issued": {"date-parts": [[2023, 1, 10]]},
               "accessed": {"date-parts": [[2024, 2]]}, "URL": "https://example.com/a", "page": "3-9"}"#,
        )
        .expect("fuzz item")
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let xml = if text.starts_with("<?xml") || text.starts_with("<style") {
        text.into_owned()
    } else {
        format!(
            r#"<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><macro name="m">{text}</macro><bibliography><layout>{text}<text macro="m"/></layout></bibliography></style>"#
        )
    };
    let apa = find_style("apa").expect("apa");
    for fmt in [Format::Text, Format::Html] {
        let locale = include_str!("../../csl/locales-en-US.xml");
        if let Err(e) = format_with(item(), apa, fmt, Some(&xml), Some(locale)) {
            assert!(!e.code().is_empty() && !e.message().is_empty());
        }
    }
});
