//! Writes `$OUT_DIR/entities.rs`: the HTML named character references as
//! one sorted table (names packed in one string, their lengths and code
//! points in arrays: small numbers, which compress well),
//! from markup5ever's map. That map also holds every prefix of every name,
//! for streaming tokenizers; the tokenizer here sees the whole name at once
//! and needs a fifth of the data.

use markup5ever::data::NAMED_ENTITIES;
use std::fmt::Write as _;

fn main() {
    let mut refs: Vec<(String, u32, u32)> = NAMED_ENTITIES
        .entries()
        .filter(|(_, &(first, _))| first != 0)
        .map(|(name, &(first, second))| (name.to_string(), first, second))
        .collect();
    refs.sort_unstable();
    assert!(refs.iter().all(|&(_, _, second)| second <= 0xFFFF));
    let mut out = String::new();
    let names: String = refs.iter().map(|r| r.0.as_str()).collect();
    writeln!(
        out,
        "/// Every name, sorted, without `&`, one after another."
    )
    .unwrap();
    writeln!(out, "const NAMES: &str = {names:?};").unwrap();
    let doc = "Each name's length in [`NAMES`].";
    array(&mut out, doc, "LENS", "u8", refs.iter().map(|r| r.0.len()));
    let doc = "Each name's first code point.";
    array(&mut out, doc, "FIRST", "u32", refs.iter().map(|r| r.1));
    let doc = "Each name's second code point, or 0.";
    array(&mut out, doc, "SECOND", "u16", refs.iter().map(|r| r.2));
    let longest = refs.iter().map(|r| r.0.len()).max().unwrap_or(0);
    writeln!(out, "/// The longest name's length.").unwrap();
    writeln!(out, "const LONGEST: usize = {longest};").unwrap();
    let path = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("entities.rs");
    std::fs::write(path, out).unwrap();
    println!("cargo::rerun-if-changed=build.rs");
}

/// Writes `const {name}: [{ty}; N] = [values];` under a doc line.
fn array<T: std::fmt::Display>(
    out: &mut String,
    doc: &str,
    name: &str,
    ty: &str,
    values: impl ExactSizeIterator<Item = T>,
) {
    let n = values.len();
    let list: Vec<String> = values.map(|v| v.to_string()).collect();
    writeln!(
        out,
        "/// {doc}\nconst {name}: [{ty}; {n}] = [{}];",
        list.join(",")
    )
    .unwrap();
}
