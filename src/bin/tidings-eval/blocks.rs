//! Block text of an HTML document or fragment, one line per block, with the
//! same block elements as tools/readability/run.mjs. Works on html5ever's
//! tokenizer alone (no tree), which is enough for Readability's clean output.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Elements that start a new line of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

#[derive(Default)]
struct State {
    lines: Vec<String>,
    cur: String,
    /// Inside `<script>`, `<style>`, `<template>`, `<noscript>` or `<head>`: text is dropped.
    skip: usize,
    /// Inside `<pre>`: lines kept as written.
    pre: usize,
}

impl State {
    fn flush(&mut self) {
        if self.pre > 0 {
            for l in self.cur.lines() {
                let l = l.trim();
                if !l.is_empty() {
                    self.lines.push(l.to_string());
                }
            }
        } else {
            let t = self.cur.split_whitespace().collect::<Vec<_>>().join(" ");
            if !t.is_empty() {
                self.lines.push(t);
            }
        }
        self.cur.clear();
    }

    fn tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        let start = tag.kind == TagKind::StartTag;
        let skipping = matches!(name, "script" | "style" | "template" | "noscript" | "head");
        if skipping {
            if start && !tag.self_closing {
                self.skip += 1;
                return match name {
                    "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" | "noscript" => TokenSinkResult::RawData(RawKind::Rawtext),
                    _ => TokenSinkResult::Continue,
                };
            } else if !start {
                self.skip = self.skip.saturating_sub(1);
            }
            return TokenSinkResult::Continue;
        }
        if BLOCKS.contains(&name) {
            self.flush();
        } else if start && matches!(name, "td" | "th") {
            self.cur.push(' ');
        }
        if name == "pre" {
            if start {
                self.pre += 1;
            } else {
                self.pre = self.pre.saturating_sub(1);
            }
        }
        if start && (name == "textarea" || name == "title") {
            return TokenSinkResult::RawData(RawKind::Rcdata);
        }
        TokenSinkResult::Continue
    }
}

struct Sink(RefCell<State>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut st = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => return st.tag(&tag),
            Token::CharacterTokens(t) if st.skip == 0 => st.cur.push_str(&t),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The text of `html`, one line per block, whitespace collapsed (kept in `<pre>`).
pub fn block_text(html: &str) -> String {
    let tok = Tokenizer::new(
        Sink(RefCell::new(State::default())),
        TokenizerOpts::default(),
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tok.feed(&input);
    tok.end();
    let mut st = tok.sink.0.into_inner();
    st.flush();
    st.lines.join("\n")
}
