// Copyright 2014-2017 The html5ever Project Developers. See the
// COPYRIGHT file at the top-level directory of this distribution.
//
// Licensed under the Apache License, Version 2.0 <LICENSE-APACHE or
// http://www.apache.org/licenses/LICENSE-2.0> or the MIT license
// <LICENSE-MIT or http://opensource.org/licenses/MIT>, at your
// option. This file may not be copied, modified, or distributed
// except according to those terms.

extern crate string_cache_codegen;

use std::collections::BTreeMap;
use std::env;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;

mod entities;

static NAMESPACES: &[(&str, &str)] = &[
    ("", ""),
    ("*", "*"),
    ("html", "http://www.w3.org/1999/xhtml"),
    ("xml", "http://www.w3.org/XML/1998/namespace"),
    ("xmlns", "http://www.w3.org/2000/xmlns/"),
    ("xlink", "http://www.w3.org/1999/xlink"),
    ("svg", "http://www.w3.org/2000/svg"),
    ("mathml", "http://www.w3.org/1998/Math/MathML"),
];

fn main() {
    let generated = Path::new(&env::var("OUT_DIR").unwrap()).join("generated.rs");
    let mut generated = BufWriter::new(File::create(generated).unwrap());

    named_entities_to_table(&Path::new(&env::var("OUT_DIR").unwrap()).join("named_entities.rs"));

    // Create a string cache for local names
    let local_names = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("local_names.txt");
    let mut local_names_atom = string_cache_codegen::AtomType::new("LocalName", "local_name!");
    for line in BufReader::new(File::open(local_names).unwrap()).lines() {
        let local_name = line.unwrap();
        local_names_atom.atom(&local_name);
        local_names_atom.atom(&local_name.to_ascii_lowercase());
    }
    local_names_atom
        .with_macro_doc("Takes a local name as a string and returns its key in the string cache.")
        .write_to(&mut generated)
        .unwrap();

    // Create a string cache for namespace prefixes
    string_cache_codegen::AtomType::new("Prefix", "namespace_prefix!")
        .with_macro_doc("Takes a namespace prefix string and returns its key in a string cache.")
        .atoms(NAMESPACES.iter().map(|&(prefix, _url)| prefix))
        .write_to(&mut generated)
        .unwrap();

    // Create a string cache for namespace urls
    string_cache_codegen::AtomType::new("Namespace", "namespace_url!")
        .with_macro_doc("Takes a namespace url string and returns its key in a string cache.")
        .atoms(NAMESPACES.iter().map(|&(_prefix, url)| url))
        .write_to(&mut generated)
        .unwrap();

    writeln!(
        generated,
        r#"
        /// Maps the input of [`namespace_prefix!`](macro.namespace_prefix.html) to
        /// the output of [`namespace_url!`](macro.namespace_url.html).
        ///
        #[macro_export] macro_rules! ns {{
        "#
    )
    .unwrap();
    for &(prefix, url) in NAMESPACES {
        writeln!(
            generated,
            "({prefix}) => {{ $crate::namespace_url!({url:?}) }};"
        )
        .unwrap();
    }
    writeln!(generated, "}}").unwrap();
}

// Changed for the vendored copy (see README.md): the upstream crate emits a
// `phf::Map` holding every entity name *and every prefix of every name*
// (9,854 keys, about 224 KB of WebAssembly data). This emits the 2,231 names
// once, sorted and front-coded in one string, with where every block of
// NAMES_PER_BLOCK names starts and every name's code points; the
// `NamedEntities` type in lib.rs answers the same questions by binary search
// over the blocks' first names, then a scan of one block. (A block of
// front-coded names and one offset per block rather than a u16 end offset per
// name: an array of rising offsets hardly compresses, and sorted names share
// long prefixes. This is about 6 KB smaller gzipped than the plain layout.)
fn named_entities_to_table(to: &Path) {
    const NAMES_PER_BLOCK: usize = 32;
    // Shared lengths are written as printable characters from '0' on.
    const SHARED_0: u8 = b'0';

    let entities: BTreeMap<&str, (u32, u32)> = entities::NAMED_ENTITIES
        .iter()
        .map(|(name, cp1, cp2)| {
            assert!(name.starts_with('&'));
            assert!(name.len() > 1 && name.bytes().all(|b| b.is_ascii_graphic()));
            (&name[1..], (*cp1, *cp2))
        })
        .collect();
    assert_eq!(
        entities.len(),
        entities::NAMED_ENTITIES.len(),
        "duplicate entity name"
    );

    // BTreeMap<&str, _> iterates in byte order, the order `NamedEntities::get` searches.
    // Each name: one byte, SHARED_0 plus how many leading bytes it shares with the
    // name before it (0 for the first of a block), then the rest of the name, then `\n`.
    let mut names = String::new();
    let mut block_starts = Vec::new();
    let mut values = Vec::new();
    let mut previous = "";
    for (i, (name, value)) in entities.iter().enumerate() {
        assert!(value.0 != 0, "an entity's first code point is not 0");
        let shared = if i % NAMES_PER_BLOCK == 0 {
            block_starts.push(u16::try_from(names.len()).expect("u16 offsets"));
            0
        } else {
            (name.bytes().zip(previous.bytes()))
                .take_while(|(a, b)| a == b)
                .count()
        };
        names.push(char::from(
            SHARED_0 + u8::try_from(shared).expect("short names"),
        ));
        names.push_str(&name[shared..]);
        names.push('\n');
        values.push(*value);
        previous = name;
    }
    let longest = entities.keys().map(|name| name.len()).max().unwrap();
    assert!(
        SHARED_0 as usize + longest < 0x7f,
        "the shared-length bytes stay printable ASCII"
    );

    let mut file = BufWriter::new(File::create(to).unwrap());
    writeln!(
        file,
        r#"
/// How many names a block of [`NamedEntities`] holds.
const NAMES_PER_BLOCK: usize = {NAMES_PER_BLOCK};

/// The length of the longest entity name.
const LONGEST_NAME: usize = {longest};

/// The byte that stands for a shared length of 0 in [`NamedEntities`]`::names`.
const SHARED_0: u8 = {SHARED_0};

/// A map of entity names to their codepoints. The second codepoint will
/// be 0 if the entity contains a single codepoint. Entities have their preceding '&' removed.
/// Every proper prefix of an entity name (and the empty string) maps to `(0, 0)`.
///
/// # Examples
///
/// ```
/// use web_atoms::NAMED_ENTITIES;
///
/// assert_eq!(NAMED_ENTITIES.get("gt;").unwrap(), &(62, 0));
/// assert_eq!(NAMED_ENTITIES.get("g").unwrap(), &(0, 0));
/// assert_eq!(NAMED_ENTITIES.get("gx"), None);
/// ```
pub static NAMED_ENTITIES: NamedEntities = NamedEntities {{
    names: {names:?},
    block_starts: &{block_starts:?},
    values: &{values:?},
}};"#
    )
    .unwrap();
}
