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
    // "Saibal Dasgupta / TNN / Updated: …": a slash between name and desk.
    " / ",
    // "By Keith Noonan - Jan 9, 2017": a dash before the date.
    " - ",
    " – ",
    " — ",
    // "史蒂文的家_藍天 發表在 痞客邦": "posted on" after a blog author.
    " 發表在",
    " 發表於",
    " 发表于",
    " 发表在",
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
    // What is left of "and The Associated Press" once the agency is cut off.
    "the",
    "编辑",
    "小编",
    "佚名",
    // Byline labels read as the name when the name itself is missing or
    // sits elsewhere ("著者", "投稿者", "翻訳者" on Japanese blogs, "By:").
    "by",
    "by:",
    "author",
    "authors",
    "作者",
    "记者",
    "著者",
    "投稿者",
    "翻訳者",
    "執筆者",
    // Roles between names in a Chinese credit ("记者 李四 通讯员 王五").
    "通讯员",
    "实习生",
    "摄影",
    "摄",
    "本报记者",
    "特约记者",
    "实习记者",
    "见习记者",
    // Template placeholders left in a CMS's author field.
    "name",
    "author name",
    "your name",
    "firstname lastname",
    // Not a source: "来源：网络" says only "from the internet".
    "网络",
    "互联网",
    "网友",
    "本站",
    "本网",
    "未知",
    // Picture credits that name no one ("Source: Supplied").
    "supplied",
    "handout",
    "file photo",
    // Counters the byline block carries ("留言(42) 人氣(23925)").
    "留言",
    "人氣",
    "人气",
    "阅读",
    "閱讀",
    "评论",
    "評論",
    "コメント",
];

/// Bracketed roles after a name that credit something other than the text
/// ("Adrian Malloch (photography)"): that name is no author.
pub const NOT_AUTHOR_ROLES: &[&str] = &[
    "photography",
    "photographs",
    "photos",
    "pictures",
    "illustration",
    "illustrations",
    "video",
    "graphics",
];

/// Fragments that make a byline piece a call to action or a notice, never a
/// name ("微信扫一扫赞赏作者", "我已授权", "Follow", "Subscribe"). Matched
/// anywhere in the piece, case-insensitively for Latin words.
pub const NOT_NAME_FRAGMENTS: &[&str] = &[
    "扫一扫",
    "赞赏",
    "授权",
    "关注",
    "点击",
    "订阅",
    "转载",
    // Where the reporter filed from ("王五 北京报道", "发自北京").
    "报道",
    "发自",
    "Follow",
    "Subscribe",
    "Sign up",
    "Sign in",
    "Log in",
    "Login",
    "Register",
    "Share",
    "Click",
    "View all",
    "More from",
    "Updated",
];

/// First words that make a piece a desk, a label or an update stamp rather
/// than a person ("Our Foreign Staff", "Last Updated: …", "Posted by").
pub const NOT_NAME_STARTS: &[&str] = &["Our", "Last", "Posted", "Published", "Updated", "From"];

/// Words glued after a name by the page's layout: job titles, social links
/// and weekdays ("Gina Trapani CEO", "Andrew Husband Twitter", "Joe Wee
/// Monday"). Dropped from the end of a name; a piece that still holds one
/// is a job description, not a name ("CNN Senior Supreme Court Analyst").
pub const NAME_TAILS: &[&str] = &[
    "Senior",
    "Chief",
    "Contributing",
    "Special",
    "CEO",
    "CTO",
    "Founder",
    "Co-founder",
    "President",
    "Contributor",
    "Columnist",
    "Analyst",
    "Technologist",
    "Twitter",
    "Facebook",
    "Instagram",
    "LinkedIn",
    "Email",
    "E-mail",
    "Bio",
    "Profile",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
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

/// Reporter credits inside the first lines of Chinese wire copy, captured as
/// `reporter` (several names split at 、, spaces or 和). Catches
/// "新华社北京4月15日电（记者陆一鸣、许安琪）", "新京报讯（记者 戴雨晴）",
/// "中新网北京5月20日电 (记者 宁子安)".
pub const DATELINE_REPORTERS: &str =
    r"[电讯]\s*[（(]\s*(?:本报|特派)?(?:记者|通讯员)\s*(?P<reporter>[^）)]{2,40}?)\s*[）)]";

/// Wire datelines that name the agency: "SHANGHAI, Jan 10 (Reuters) -",
/// "TRAVERSE CITY, Mich. (AP) —". Captures `agency`.
pub const DATELINE_AGENCY: &str = r"^[A-Z][A-Za-z0-9 .,'’-]{1,60}\((?P<agency>Reuters|AP|AFP|Xinhua|Bloomberg|UPI|Kyodo|Yonhap|dpa)\)\s*[-—–]";

/// Inline script variables in which Chinese CMSs and WeChat keep the publish
/// time ("pubtime": "2024-05-20 09:32:11", var createTime = '2024-05-20 08:20').
pub const SCRIPT_DATE_KEYS: &[&str] = &[
    "pubtime",
    "publish_time",
    "publishTime",
    "pubDate",
    "createTime",
    "ptime",
    "publishdate",
    "datePublished",
    "publish_date",
    "releaseTime",
];

/// Common pinyin family names: on Chinese outlets, English bylines write
/// names family first ("By Zhou Jingyi"), so a two-word name starting with one
/// of these is read family first there.
pub const PINYIN_SURNAMES: &[&str] = &[
    "Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma",
    "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han",
    "Feng", "Deng", "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai", "Jiang",
    "Yu", "Du", "Ye", "Cheng", "Wei", "Su", "Lu", "Ding", "Ren", "Shen", "Yao", "Jin", "Cui",
    "Zhong", "Tan", "Qin", "Fan", "Fu", "Shi", "Bai", "Hou", "Xiong", "Meng", "Qiu", "Yan", "Xue",
    "Duan", "Lei", "Long", "Kong", "Mao", "Qian", "Wen", "Xing", "Hao", "Shao", "Wan", "Gu", "Lai",
    "Wu", "Yin", "Chang", "Qiao", "Jia", "Xia", "Fang", "Zou", "Dai", "Mo", "Ning",
];

/// Hosts of mainland Chinese outlets (besides `*.cn`), whose local times are
/// UTC+8 and whose English bylines put the family name first.
pub const CHINESE_OUTLET_HOSTS: &[&str] = &[
    "cgtn.com",
    "xinhuanet.com",
    "news.cn",
    "chinadaily.com.cn",
    "globaltimes.cn",
    "shine.cn",
    "ecns.cn",
    "qq.com",
    "163.com",
    "sina.com.cn",
    "ifeng.com",
    "thepaper.cn",
    "guancha.cn",
    "weixin.qq.com",
    "sohu.com",
];

/// Words that make a "name" an organisation, desk or category rather than a
/// person ("WebMD Health News", "Tech Insider", "Deal Professor").
pub const ORG_WORDS: &[&str] = &[
    "News",
    "Health",
    "Staff",
    "Team",
    "Desk",
    "Editors",
    "Editorial",
    "Reporters",
    "Media",
    "Press",
    "Times",
    "Daily",
    "Post",
    "Journal",
    "Insider",
    "Industry",
    "Professor",
    "Magazine",
    "Network",
    "Agency",
    "Service",
    "Online",
    "Digital",
    "Group",
    "Contributors",
    "Foundation",
    "Inc",
    "Ltd",
    "Blog",
    "Wire",
    "Newsroom",
    // Section names a site appends to the byline ("Jane Doe, CNN Business").
    "Business",
    "Politics",
    "Sports",
    "Technology",
    "Entertainment",
    "Opinion",
];

/// Degrees and honorifics after a name ("Brenda Goodman, MA"): dropped.
pub const DEGREES: &[&str] = &[
    "MA", "MD", "PhD", "Ph.D.", "MPH", "RN", "DO", "MS", "BSN", "MBA", "Jr", "Jr.", "Sr", "Sr.",
    "II", "III",
];

/// Publishing platforms whose own name is not the site a citation names: the
/// account or publication on them is ("Voodoo Engineering" on Medium, a
/// WeChat official account).
pub const PLATFORMS: &[&str] = &[
    "微信公众平台",
    "Medium",
    "Substack",
    "Blogger",
    "Tumblr",
    "WordPress.com",
    "LinkedIn",
    "知乎",
    "知乎专栏",
    "简书",
    "今日头条",
    "百家号",
    "网易号",
    "搜狐号",
];

/// Id and class fragments of the element naming the account on a platform page.
pub const ACCOUNT_MARKS: crate::rules::keywords::Keywords = crate::rules::keywords::Keywords {
    words: &[
        "js_name",
        "nickname",
        "account-name",
        "account_name",
        "publication-name",
    ],
    boundary: crate::rules::keywords::Boundary::Anywhere,
};
