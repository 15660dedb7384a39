//! Byline vocabulary: wire agencies, words that are not names, name particles.

/// Wire agencies and news services credited as a story's source. Matched
/// whole (case-insensitive for Latin names). Catches bylines such as
/// "Xinhua", "By Reuters", "来源：新华社".
pub const AGENCIES: &[&str] = &[
    "Xinhua",
    "Xinhua News Agency",
    "Reuters",
    "AP",
    "Associated Press",
    "The Associated Press",
    "AFP",
    "Agence France-Presse",
    "Bloomberg",
    "Kyodo",
    "Kyodo News",
    "Yonhap",
    "TASS",
    "dpa",
    "EFE",
    "ANSA",
    "PTI",
    "UPI",
    "China News Service",
    "CNS",
    "新华社",
    "新华网",
    "中新社",
    "中新网",
    "中国新闻网",
    "人民网",
    "人民日报",
    "央视新闻",
    "央视网",
    "光明网",
    "光明日报",
    "经济日报",
    "中国日报",
    "法制日报",
    "环球时报",
];

/// Words that end a byline: what follows is a date, a role or a place.
/// Catches "By Jane Doe | Updated: …", "Jane Doe Science correspondent".
pub const BYLINE_STOPS: &[&str] = &[
    " | ",
    "|",
    " Updated",
    " Published",
    " Posted",
    " on ",
    " in ",
    " for ",
    " Staff",
    " correspondent",
    " Correspondent",
    " editor",
    " Editor",
    " reporter",
    " Reporter",
    " writer",
    " Writer",
    " Associated Press",
    " •",
    " ·",
    "  ",
];

/// Names that are CMS accounts or roles, never people.
pub const NOT_NAMES: &[&str] = &[
    "admin",
    "administrator",
    "editor",
    "staff",
    "webmaster",
    "web desk",
    "news desk",
    "guest",
    "unknown",
    "anonymous",
    "编辑",
    "小编",
    "佚名",
];

/// Lower-case particles that belong to the family name ("van der Berg", "de la Cruz").
pub const PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "dos", "das",
    "ter", "ten", "bin", "al",
];

/// Two-character Chinese family names (the rest take one character).
pub const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "轩辕", "令狐", "端木", "独孤", "南宫", "西门",
];
