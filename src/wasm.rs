//! WebAssembly bindings: the only file that knows about wasm-bindgen. Plain
//! data crosses the boundary; errors arrive in JS as `{code, message}` objects.
//!
//! The crate builds two modules from this file (scripts/build-web.sh): the
//! extraction module (default), which the reader loads with the page, and,
//! with the `cite-module` feature, the citation module (the CSL engine and
//! its XML parser), loaded when the citation panel opens. Neither carries
//! the other's code.

use wasm_bindgen::prelude::*;

/// Error object thrown to JS.
#[derive(serde::Serialize)]
struct JsFailure<'a> {
    code: &'a str,
    message: String,
}

/// Plain data crosses as JSON text parsed by the engine's own `JSON.parse`:
/// smaller than a serde-to-JS-object bridge, and the result is a plain object.
fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| failure("internal", e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| failure("internal", "unreadable JSON".into()))
}

fn failure(code: &str, message: String) -> JsValue {
    let text = serde_json::to_string(&JsFailure { code, message }).unwrap_or_default();
    js_sys::JSON::parse(&text).unwrap_or_else(|_| JsValue::from_str(code))
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(s: &str);
}

/// Runs when the module loads. wasm32 aborts on panic (the JS side then sees a
/// RuntimeError and shows an "internal error" message); this hook logs the
/// panic's message first so the report says what failed.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error(&format!("tidings: internal error: {info}"));
    }));
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

#[cfg(not(feature = "cite-module"))]
mod extraction {
    use super::{failure, to_js};
    use crate::{Error, Options};
    use wasm_bindgen::prelude::*;

    fn from_error(e: Error) -> JsValue {
        failure(e.code(), e.message().to_string())
    }

    #[wasm_bindgen]
    extern "C" {
        /// The engine's UTF-8 encoder.
        type TextEncoder;
        #[wasm_bindgen(constructor)]
        fn new() -> TextEncoder;
        /// Encodes `source` into `dest`, a view of our memory.
        #[wasm_bindgen(method, js_name = encodeInto)]
        fn encode_into(
            this: &TextEncoder,
            source: &js_sys::JsString,
            dest: &js_sys::Uint8Array,
        ) -> EncodeIntoResult;

        /// What `encodeInto` reports.
        type EncodeIntoResult;
        #[wasm_bindgen(method, getter)]
        fn read(this: &EncodeIntoResult) -> u32;
        #[wasm_bindgen(method, getter)]
        fn written(this: &EncodeIntoResult) -> u32;
    }

    thread_local! {
        static ENCODER: TextEncoder = TextEncoder::new();
    }

    /// A JS string as UTF-8, encoded by the engine straight into our memory.
    /// (wasm-bindgen's own `&str` glue first copies the ASCII prefix one
    /// character at a time in JS: on a 100 KB page, a tenth of the extraction.)
    /// Lone surrogates become U+FFFD.
    fn utf8(s: &js_sys::JsString, max_bytes: usize) -> Result<String, JsValue> {
        let units = s.length() as usize;
        if units > max_bytes {
            return Err(failure(
                "too-large",
                format!(
                    "the input is over {units} characters; the limit is {max_bytes} bytes of UTF-8"
                ),
            ));
        }
        // Room for mostly-ASCII text first (one byte a unit, plus an eighth); if
        // the engine stops short, three bytes for each unit left (the most one
        // takes), so peak memory stays near the page's size for most pages.
        let mut buf: Vec<u8> = Vec::with_capacity(units + units / 8 + 16);
        let mut read = 0;
        for _ in 0..2 {
            let rest = if read == 0 {
                s.clone()
            } else {
                s.slice(read as u32, units as u32)
            };
            let (len, spare) = (buf.len(), buf.capacity() - buf.len());
            let done = ENCODER.with(|encoder| {
                // SAFETY: the view covers `buf`'s spare capacity and is used for
                // this call only. Should wasm memory grow meanwhile (the externref
                // table can), the view detaches and the engine writes nothing.
                let view =
                    unsafe { js_sys::Uint8Array::view_mut_raw(buf.as_mut_ptr().add(len), spare) };
                encoder.encode_into(&rest, &view)
            });
            let written = (done.written() as usize).min(spare);
            // SAFETY: `encodeInto` writes whole UTF-8 sequences only, and
            // `written` of them fit in the spare capacity.
            unsafe { buf.set_len(len + written) };
            read += done.read() as usize;
            if read >= units {
                // SAFETY: every round appended valid UTF-8.
                return Ok(unsafe { String::from_utf8_unchecked(buf) });
            }
            buf.reserve((units - read) * 3);
        }
        // The engine stopped short twice (a detached view): wasm-bindgen's way.
        Ok(String::from(s))
    }

    /// The article plus the access date the caller's clock gave, so a later
    /// `cite(article, …)` cites what was read, when it was read.
    #[derive(serde::Serialize)]
    struct Extracted<'a> {
        #[serde(flatten)]
        article: crate::Article,
        accessed: &'a str,
    }

    /// Extracts the article from a page's HTML. `today` (YYYY-MM-DD) is the access
    /// date for citations; `force` returns the best candidate even on pages that
    /// are not articles ("show the whole page cleaned"); `pick`, a path from
    /// `pickView`, takes that block as the article (`{code: 'pick-not-found'}`
    /// when the page has no such block).
    #[wasm_bindgen]
    pub fn extract(
        html: &js_sys::JsString,
        url: &str,
        today: &str,
        force: Option<bool>,
        pick: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let options = Options {
            force: force.unwrap_or(false),
            pick: pick.filter(|p| !p.is_empty()),
            ..Options::default()
        };
        run(html, url, today, &options)
    }

    /// Cleans a text dump of a page (one block a line) with the same rule
    /// tables: the CLI's `--input text`.
    #[wasm_bindgen(js_name = extractText)]
    pub fn extract_text(
        text: &js_sys::JsString,
        url: &str,
        force: Option<bool>,
    ) -> Result<JsValue, JsValue> {
        let options = Options {
            force: force.unwrap_or(false),
            input: crate::InputKind::Text,
            ..Options::default()
        };
        run(text, url, "", &options)
    }

    fn run(
        html: &js_sys::JsString,
        url: &str,
        today: &str,
        options: &Options,
    ) -> Result<JsValue, JsValue> {
        let html = utf8(html, options.limits.max_bytes)?;
        let url = (!url.is_empty()).then_some(url);
        let mut article = crate::extract(&html, url, options).map_err(from_error)?;
        // The two long strings cross as strings; JSON-escaping them for
        // `JSON.parse` to unescape cost more than the rest of the result.
        let content = std::mem::take(&mut article.content);
        let text = std::mem::take(&mut article.text);
        let result = to_js(&Extracted {
            article,
            accessed: today,
        })?;
        for (key, value) in [("content", content), ("text", text)] {
            js_sys::Reflect::set(&result, &JsValue::from_str(key), &JsValue::from(value))?;
        }
        Ok(result)
    }

    /// The page's body as inert HTML to pick the article block from, each
    /// block with text carrying its path in `data-tidings-path` (for
    /// `extract(…, pick)`).
    #[wasm_bindgen(js_name = pickView)]
    pub fn pick_view(html: &js_sys::JsString) -> Result<String, JsValue> {
        let options = Options::default();
        let html = utf8(html, options.limits.max_bytes)?;
        crate::pick_view(&html, &options).map_err(from_error)
    }

    /// Whether the page looks like it holds an article (cheap; for the toolbar badge).
    #[wasm_bindgen]
    pub fn readerable(html: &str) -> bool {
        crate::readerable(html)
    }
}

#[cfg(feature = "cite-module")]
mod citation {
    use super::{failure, to_js};
    use wasm_bindgen::prelude::*;

    /// A style the UI can offer: short name, official id, label, and the data
    /// files (under the package's `csl/`) the JS side loads and passes to `cite`.
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct StyleEntry {
        name: &'static str,
        id: &'static str,
        label: &'static str,
        csl_file: Option<&'static str>,
        locale_file: Option<&'static str>,
    }

    /// Every citation style and export format.
    #[wasm_bindgen]
    pub fn styles() -> Result<JsValue, JsValue> {
        let list: Vec<StyleEntry> = crate::cite::styles()
            .iter()
            .map(|s| StyleEntry {
                name: s.name,
                id: s.id,
                label: s.label,
                csl_file: s.csl_file,
                locale_file: s.locale_file,
            })
            .collect();
        to_js(&list)
    }

    thread_local! {
        /// The catalog of every official style, once the page has handed its index in.
        static LIBRARY: std::cell::RefCell<Option<crate::cite::catalog::Library>> =
            const { std::cell::RefCell::new(None) };
    }

    fn cite_failure(e: crate::cite::CiteError) -> JsValue {
        failure(e.code(), e.message().to_string())
    }

    fn with_library<T>(
        f: impl FnOnce(&mut crate::cite::catalog::Library) -> Result<T, JsValue>,
    ) -> Result<T, JsValue> {
        LIBRARY.with(|l| match l.borrow_mut().as_mut() {
            Some(lib) => f(lib),
            None => Err(failure(
                "missing-style",
                "the style catalog is not loaded (catalogLoad)".into(),
            )),
        })
    }

    /// Loads the catalog of every official style from the package's `csl/all/index.tsv.zst`.
    #[wasm_bindgen(js_name = catalogLoad)]
    pub fn catalog_load(index: &[u8]) -> Result<u32, JsValue> {
        let lib = crate::cite::catalog::Library::new(index).map_err(cite_failure)?;
        let n = lib.catalog().entries().len() as u32;
        LIBRARY.with(|l| *l.borrow_mut() = Some(lib));
        Ok(n)
    }

    /// Up to `limit` styles matching `query` (titles in any script, short names, ids,
    /// ISSNs), best first: `{id, title, short?, issn?, eissn?, parent?, locale?, class, format}`.
    #[wasm_bindgen(js_name = stylesSearch)]
    pub fn styles_search(query: &str, limit: u32) -> Result<JsValue, JsValue> {
        with_library(|lib| to_js(&lib.catalog().search(query, limit as usize)))
    }

    /// Every official style, sorted by id (as `stylesSearch` gives them).
    #[wasm_bindgen(js_name = stylesAll)]
    pub fn styles_all() -> Result<JsValue, JsValue> {
        with_library(|lib| to_js(&lib.catalog().entries()))
    }

    /// One style by id, title, short name or ISSN (as `stylesSearch` gives it), or null.
    #[wasm_bindgen(js_name = styleInfo)]
    pub fn style_info(key: &str) -> Result<JsValue, JsValue> {
        with_library(|lib| to_js(&lib.catalog().find(key)))
    }

    /// What the page must hand in before `citeStyle` can use `key`:
    /// `{chunk: N|null, locales: bool}` (files `styles-NN.zst`, `locales.zst`).
    #[wasm_bindgen(js_name = styleNeeds)]
    pub fn style_needs(key: &str) -> Result<JsValue, JsValue> {
        with_library(|lib| to_js(&lib.needs(key)))
    }

    /// Hands in `styles-NN.zst` (decoded now, kept for later citations).
    #[wasm_bindgen(js_name = styleAddChunk)]
    pub fn style_add_chunk(n: u32, bytes: &[u8]) -> Result<(), JsValue> {
        with_library(|lib| lib.add_chunk(n as usize, bytes).map_err(cite_failure))
    }

    /// Hands in `locales.zst`.
    #[wasm_bindgen(js_name = styleAddLocales)]
    pub fn style_add_locales(bytes: &[u8]) -> Result<(), JsValue> {
        with_library(|lib| lib.add_locales(bytes).map_err(cite_failure))
    }

    /// A user's CSL file: `{id, title, class, parent, locale}` (a dependent style's parent
    /// must be an official style), or an error saying why it cannot be used.
    #[wasm_bindgen(js_name = styleFileInfo)]
    pub fn style_file_info(xml: &str) -> Result<JsValue, JsValue> {
        with_library(|lib| to_js(&lib.file_info(xml).map_err(cite_failure)?))
    }

    /// Cites an article in any official style (`key`: id, title, short name or ISSN), or in
    /// the user's CSL file `csl_xml` when given; `locale` overrides the style's default.
    /// A CSL-JSON item (an object with a string `type`; articles have none) is cited as it
    /// is, its own access date kept (`accessed` unused; `bad-item` when it is not one).
    /// The style's chunk and the locales must have been handed in (see `styleNeeds`).
    /// `form`: `bibliography` (default) or `citation` (in-text citation or first note).
    #[wasm_bindgen(js_name = citeStyle)]
    pub fn cite_style(
        article: JsValue,
        key: &str,
        format: &str,
        accessed: &str,
        locale: Option<String>,
        csl_xml: Option<String>,
        form: Option<String>,
    ) -> Result<String, JsValue> {
        let is_item =
            js_sys::Reflect::get(&article, &JsValue::from_str("type")).is_ok_and(|t| t.is_string());
        let item = if is_item {
            parse_item_js(&article)?
        } else {
            item_of(article, accessed)?
        };
        let form = parse_form(form.as_deref())?;
        let format = match format {
            "html" => crate::cite::Format::Html,
            _ => crate::cite::Format::Text,
        };
        with_library(|lib| {
            let style = match &csl_xml {
                Some(xml) => lib.resolve_file(xml),
                None => lib.resolve(key),
            }
            .map_err(cite_failure)?;
            crate::cite::format_resolved(lib, &item, &style, locale.as_deref(), format, form)
                .map_err(cite_failure)
        })
    }

    /// A CSL-JSON item object as the engine's item (`bad-item` when it is not one).
    fn parse_item_js(item: &JsValue) -> Result<crate::cite::Item, JsValue> {
        let text: String = js_sys::JSON::stringify(item)
            .map(String::from)
            .map_err(|_| failure("bad-item", "the item cannot be read".into()))?;
        crate::cite::parse_item(&text).map_err(cite_failure)
    }

    /// `bibliography` (or nothing) or `citation`.
    fn parse_form(form: Option<&str>) -> Result<crate::cite::Form, JsValue> {
        match form {
            None | Some("") => Ok(crate::cite::Form::Bibliography),
            Some(f) => crate::cite::Form::parse(f)
                .ok_or_else(|| failure("bad-form", format!("unknown form {f:?}"))),
        }
    }

    fn item_of(article: JsValue, accessed: &str) -> Result<crate::cite::Item, JsValue> {
        let text: String = js_sys::JSON::stringify(&article)
            .map(String::from)
            .map_err(|_| failure("bad-article", "the article cannot be read".into()))?;
        let article: crate::Article = serde_json::from_str(&text)
            .map_err(|e| failure("bad-article", format!("not an article: {e}")))?;
        Ok(crate::item_from_article(&article, accessed))
    }

    /// Cites an article (as returned by `extract`) in a style. CSL styles need the
    /// style and locale XML (loaded by the caller from the package's `csl/`);
    /// BibTeX, RIS, CSL-JSON and Wikipedia need neither. `form` is `bibliography`
    /// (the default when absent) or `citation` (the in-text citation or first note).
    #[wasm_bindgen]
    pub fn cite(
        article: JsValue,
        style: &str,
        format: &str,
        accessed: &str,
        csl_xml: Option<String>,
        locale_xml: Option<String>,
        form: Option<String>,
    ) -> Result<String, JsValue> {
        let item = item_of(article, accessed)?;
        let info = crate::cite::find_style(style)
            .ok_or_else(|| failure("unknown-style", format!("unknown style {style:?}")))?;
        let format = match format {
            "html" => crate::cite::Format::Html,
            _ => crate::cite::Format::Text,
        };
        let form = parse_form(form.as_deref())?;
        crate::cite::format_form_with(
            &item,
            info,
            format,
            form,
            csl_xml.as_deref(),
            locale_xml.as_deref(),
        )
        .map_err(|e| failure(e.code(), e.message().to_string()))
    }

    /// Cites a CSL-JSON item (an object, e.g. from a reference manager) in a style;
    /// the style and locale XML as for `cite`. Errors: `bad-item`, `unknown-style`,
    /// and the CSL engine's codes.
    #[wasm_bindgen(js_name = citeItem)]
    pub fn cite_item(
        item: JsValue,
        style: &str,
        format: &str,
        csl_xml: Option<String>,
        locale_xml: Option<String>,
    ) -> Result<String, JsValue> {
        let item = parse_item_js(&item)?;
        let info = crate::cite::find_style(style)
            .ok_or_else(|| failure("unknown-style", format!("unknown style {style:?}")))?;
        let format = match format {
            "html" => crate::cite::Format::Html,
            _ => crate::cite::Format::Text,
        };
        crate::cite::format_with(
            &item,
            info,
            format,
            csl_xml.as_deref(),
            locale_xml.as_deref(),
        )
        .map_err(|e| failure(e.code(), e.message().to_string()))
    }
}
