//! The scorer of `tidings-eval` (src/bin/tidings-eval/score.rs), shared here
//! so the tests can grade extraction the same way the eval does.

#[allow(dead_code)]
#[path = "../src/bin/tidings-eval/score.rs"]
mod score;

use score::{prf, tokenize};

#[test]
fn cjk_characters_are_tokens_and_words_lose_punctuation() {
    assert_eq!(
        tokenize("“Rain,” he said — 新华社北京电。"),
        ["rain", "he", "said", "新", "华", "社", "北", "京", "电"]
    );
}

#[test]
fn bag_of_tokens_ignores_order_but_counts_repeats() {
    assert_eq!(prf("b a", "a b").f1, 1.0);
    let p = prf("a a a b", "a b");
    assert_eq!(p.recall, 1.0);
    assert_eq!(p.precision, 0.5);
}

#[test]
fn every_fixture_expected_text_scores_itself_perfectly() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path().join("expected.txt");
        if let Ok(text) = std::fs::read_to_string(&path) {
            assert_eq!(prf(&text, &text).f1, 1.0, "{}", path.display());
        }
    }
}
