//! Credit lines: who wrote, edited or supplied a story. They are captured into
//! metadata and removed from the body. Each pattern names its captures:
//! `source`, `editor`, `reporter`.

use super::Rule;

/// A whole block that is a credit line (short, matched from the start).
pub const CREDIT_RULES: &[Rule] = &[
    Rule {
        id: "credit-source-en",
        pattern: r"(?i)^source(?:\(s\))?\s*:\s*(?P<source>[^|:]+?)(?:\s*\|?\s*editor\s*:\s*(?P<editor>[^|]+?))?\s*$",
        catches: "\"Source: Xinhua  Editor: Zhu Ying\" tails of English Chinese-outlet stories",
        hints: &["^source"],
        examples: &["Source: Xinhua Editor: Zhu Ying", "Source(s): CGTN"],
        counter: &["Source code is available on GitHub, he said: it is free"],
    },
    Rule {
        id: "credit-editor-en",
        pattern: r"(?i)^(?:editor|edited by)\s*:?\s*(?P<editor>[A-Z][\w .'-]{1,40}?)\s*$",
        catches: "\"Editor: Zhu Ying\" lines on their own",
        hints: &["^edit"],
        examples: &["Editor: Zhu Ying", "Edited by Jane Doe"],
        counter: &[],
    },
    Rule {
        id: "credit-source-zh",
        pattern: r"^[（(【\[]?\s*(?:文章|本文|稿件)?来源\s*[:：]\s*(?P<source>[^\s　)）】\]|｜]+)(?:[\s　|｜]+(?:作者|记者)\s*[:：]?\s*(?P<reporter>[^\s　)）】\]|｜]+))?(?:[\s　|｜]+(?:责任编辑|编辑)\s*[:：]\s*(?P<editor>[^\s　)）】\]]+))?\s*[)）】\]]?\s*$",
        catches: "来源：新华社 (with 记者/编辑 on the same line)",
        hints: &["来源"],
        examples: &["来源：新华社", "（来源：人民网 记者：李四 编辑：王五）"],
        counter: &[],
    },
    Rule {
        id: "credit-editor-zh",
        pattern: r"^(?:[（(【\[]?\s*(?:责任编辑|责编|编辑|值班编辑|审核|校对|监制|制作|视频编辑)\s*[:：]\s*(?P<editor>[^\s　)）】\]]+)\s*[)）】\]]?[\s　]*)+$",
        catches: "责任编辑：张三, (责编：…), 【编辑:…】, 编辑：王五 责任编辑：赵六",
        hints: &["编辑", "责编", "审核", "校对", "监制", "制作"],
        examples: &[
            "责任编辑：张三",
            "(责编：李四)",
            "编辑：王五 责任编辑：赵六",
            "【编辑:张三】",
        ],
        counter: &[],
    },
    Rule {
        id: "credit-reporter-zh",
        pattern: r"^[（(]?\s*(?:本报记者|记者|通讯员|作者|文字|撰文|文)\s*[:：|丨︱｜/／]?\s*(?P<reporter>[\x{4e00}-\x{9fff}·]{2,4}(?:[ 　、和]+[\x{4e00}-\x{9fff}·]{2,4})*)\s*[)）]?$",
        catches: "（记者 李四）, 记者：李四 王五, 作者︱春春 credit lines",
        hints: &["记者", "通讯员", "作者", "文"],
        examples: &[
            "（记者 李四）",
            "作者︱春春",
            "记者：李四 王五",
            "文|张三",
            "文字：林小满",
        ],
        counter: &[],
    },
    Rule {
        id: "credit-outlet-reporter-zh",
        pattern: r"^(?:[\x{4e00}-\x{9fff}·]{2,10}?)(?:首席|特约|实习)?记者\s*[:：]?\s*(?P<reporter>[\x{4e00}-\x{9fff}·]{2,4}(?:[ 、][\x{4e00}-\x{9fff}·]{2,4})*)(?:[\s　]+[\x{4e00}-\x{9fff}]{0,6}编辑\s*[:：]\s*(?P<editor>[\x{4e00}-\x{9fff}·]{2,4}))?$",
        catches: "澎湃新闻记者 顾文卿, 中青报·中青网记者 韩振宇, 每经记者：邹子涵　每经编辑：高涵",
        hints: &["记者"],
        examples: &[
            "澎湃新闻记者 顾文卿",
            "中青报·中青网记者 韩振宇",
            "每经记者：邹子涵　每经编辑：高涵",
        ],
        counter: &["记者从市交通委获悉，今年全市新开工加装电梯超过3000台"],
    },
    Rule {
        id: "credit-wen-zh",
        pattern: r"^[【\[(（]?\s*文\s*[/／|丨]\s*(?:(?P<source>[\x{4e00}-\x{9fff}]{2,10})\s+)?(?P<reporter>[\x{4e00}-\x{9fff}·]{2,4}(?:[ 、][\x{4e00}-\x{9fff}·]{2,4})*)\s*[】\])）]?$",
        catches: "【文/观察者网 杨晨曦】 author lines of Chinese commentary sites",
        hints: &["文"],
        examples: &["【文/观察者网 杨晨曦】", "文/张三"],
        counter: &["文化和旅游部发布通知"],
    },
    Rule {
        id: "credit-by-en",
        pattern: r"^(?:By|BY)\s+(?P<reporter>[A-Z][A-Za-zÀ-ÿ.'’-]+(?:\s+[A-Z][A-Za-zÀ-ÿ.'’-]+){1,3}(?:\s*(?:,|,?\s+and|&)\s+[A-Z][A-Za-zÀ-ÿ.'’-]+(?:\s+[A-Z][A-Za-zÀ-ÿ.'’-]+){1,3})*)\s*$",
        catches: "a byline standing as the body's own paragraph (\"By LYNNE O'DONNELL\", \"By Jane Doe and John Roe\")",
        hints: &["^by "],
        examples: &[
            "By LYNNE O'DONNELL",
            "By Jane Doe and John Roe",
            "By Jane Doe, John Roe",
        ],
        counter: &["By March 2020 the plan had failed", "By Monday", "By then we knew"],
    },
    Rule {
        id: "end-mark-zh",
        pattern: r"^[（(]完[)）]$",
        catches: "（完） end-of-story marks",
        hints: &["完"],
        examples: &["（完）", "(完)"],
        counter: &[],
    },
    Rule {
        id: "wire-tail-en",
        pattern: r"(?i)^(?:\(?(?:reporting|writing|additional reporting) by .+|editing by .+|compiled by .+|_{3,}|—+|associated press writers? .+ contributed(?: to this report)?\.?|the associated press contributed to this report\.?|source: al jazeera(?: and news agencies)?)$",
        catches: "wire-copy credit tails (Reporting by …; Editing by …, AP contributor lines)",
        hints: &[
            "^reporting by ",
            "^(reporting by ",
            "^writing by ",
            "^(writing by ",
            "^additional reporting by ",
            "^(additional reporting by ",
            "^editing by ",
            "^compiled by ",
            "^___",
            "^—",
            "^associated press writer",
            "^the associated press contributed to this report",
            "^source: al jazeera",
        ],
        examples: &[
            "Reporting by Jane Doe; Editing by John Roe",
            "(Additional reporting by Li Si)",
            "Compiled by Staff",
            "___",
            "The Associated Press contributed to this report.",
            "Associated Press writer Jane Doe in Paris contributed.",
            "Source: Al Jazeera and news agencies",
        ],
        counter: &["Written by hand"],
    },
];

super::table!(CREDITS, CREDIT_RULES);

/// A credit line must be short: a long paragraph that starts with "Source:" is prose.
pub const MAX_CREDIT_CHARS: usize = 120;

/// Labels before an editor's name, ranked: the responsible editor is the one
/// a citation names; proofreaders and picture editors are not.
pub const EDITOR_LABELS: &[(&str, u8)] = &[
    ("责任编辑", 3),
    ("责编", 3),
    ("值班编辑", 2),
    ("图片编辑", 0),
    ("视频编辑", 0),
    ("编辑", 2),
    ("审核", 1),
    ("校对", 1),
    ("监制", 1),
    ("制作", 1),
];
