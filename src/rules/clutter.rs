//! Lines that are never article text: licence and registration lines,
//! copyright and disclaimer lines, contact footers, QR-code prompts, link bars,
//! share counters and section lists. A block whose whole text matches one of
//! these (and is short, see `MAX_LINE_CHARS`) is removed and recorded.
//! Each rule has a fixture under `tests/fixtures/` that shows it.

use super::Rule;

/// Blocks longer than this are prose, whatever words they contain.
pub const MAX_LINE_CHARS: usize = 400;

pub const LINE_RULES: &[Rule] = &[
    Rule {
        id: "icp-registration",
        pattern: r"ICP\s*[备证]|ICP\s*(?:备案|经营许可)|[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]ICP",
        catches: "Chinese ICP filing and licence numbers (沪ICP备05050403号, 京ICP证…)",
    },
    Rule {
        id: "public-security-registration",
        pattern: r"公网安备|网安备\s*\d",
        catches: "public security bureau registration (沪公网安备 31010602001940号)",
    },
    Rule {
        id: "news-service-licence",
        pattern: r"互联网新闻信息服务许可证?|新闻信息服务许可",
        catches: "internet news information service licence numbers",
    },
    Rule {
        id: "audiovisual-licence",
        pattern: r"网络视听许可证|信息网络传播视听节目许可证|视听节目许可",
        catches: "online audio-visual programme licences",
    },
    Rule {
        id: "broadcast-licence",
        pattern: r"广播电视节目制作(?:经营)?许可证",
        catches: "radio and TV programme production licences",
    },
    Rule {
        id: "telecom-licence",
        pattern: r"增值电信业务经营许可证|[京津沪渝粤浙苏]B2-\d{6,}|网络文化经营许可证|出版物经营许可证|药品信息服务",
        catches: "value-added telecom and other operating licences",
    },
    Rule {
        id: "illegal-content-report",
        pattern: r"违法和不良信息举报|不良信息举报|举报(?:电话|邮箱|中心|专区)|有害信息举报|涉未成年人.{0,8}举报",
        catches: "illegal-content report hotlines and mailboxes",
    },
    Rule {
        id: "copyright-en",
        pattern: r"(?i)copyright\s*(?:©|\(c\)|&copy;|\d{4})|©\s*(?:\d{4}|copyright)|\ball rights reserved\b|^©\s*\w",
        catches: "English copyright lines (Copyright 2020 © …, All Rights Reserved)",
    },
    Rule {
        id: "copyright-zh",
        pattern: r"版权所有|版权归.{1,20}所有|未经.{0,12}(?:授权|许可|同意).{0,12}(?:禁止|不得|严禁)?.{0,6}(?:转载|使用|复制)|转载请注明|免责声明|本网(?:站)?(?:所)?刊登的.{0,20}版权|稿件版权",
        catches: "Chinese copyright, reprint and disclaimer lines",
    },
    Rule {
        id: "reuse-notice-en",
        pattern: r"(?i)^(?:reuse this content|our standards:.*|this (?:material|article) may not be (?:published|reproduced)|reprints? (?:&|and) permissions)",
        catches: "reuse and standards notices at the end of wire and news articles",
    },
    Rule {
        id: "hotline-contact",
        pattern: r"(?i)^(?:hotline|tel|telephone|fax|e-?mail)\s*[:：]|客服(?:电话|热线)|服务热线|联系电话[:：]|热线[:：]",
        catches: "hotline and contact footers",
    },
    Rule {
        id: "qr-code-prompt",
        pattern: r"扫一扫|扫描二维码|二维码|扫码(?:关注|下载|阅读)|长按识别|(?i)scan (?:the )?qr code",
        catches: "QR-code prompts",
    },
    Rule {
        id: "footer-link-bar-en",
        pattern: r"(?i)^(?:about us|contact us|feedback|privacy(?: policy)?|terms(?: of (?:use|service))?|cookie(?:s| policy| settings)|advertise(?: with us)?|sitemap|careers|help)(?:\s*[|·•]?\s*(?:about us|contact us|feedback|privacy(?: policy)?|terms(?: of (?:use|service))?|cookie(?:s| policy| settings)|advertise(?: with us)?|sitemap|careers|help))+$",
        catches: "\"About Us | Contact Us | …\" footer bars",
    },
    Rule {
        id: "footer-link-bar-zh",
        pattern: r"^(?:关于我们|联系我们|网站地图|广告服务|法律声明|隐私政策|意见反馈|招聘信息|加入我们|合作伙伴|帮助中心|用户协议|网站声明|About us)(?:\s*[|｜·•]?\s*(?:关于我们|联系我们|网站地图|广告服务|法律声明|隐私政策|意见反馈|招聘信息|加入我们|合作伙伴|帮助中心|用户协议|网站声明|English|About us))+",
        catches: "Chinese footer link bars (关于我们 | 联系我们 | …)",
    },
    Rule {
        id: "share-bar",
        pattern: r"(?i)^(?:share(?: this(?: article| story)?| on| via)?|分享到?|分享至|tweet|email|print|打印|收藏|关闭)(?:\s*[:：|·]?\s*(?:facebook|twitter|x|linkedin|whatsapp|reddit|email|print|copy link|微信|微博|qq|qq空间|朋友圈|打印|收藏|关闭|\d+))*\s*[:：]?$",
        catches: "share, print and bookmark bars and their counters",
    },
    Rule {
        id: "bracket-tools-zh",
        pattern: r"^(?:【(?:纠错|打印|关闭|收藏|字号|大|中|小|放大|缩小|我要打印|关闭窗口)】\s*)+",
        catches: "Chinese page-tool links (【纠错】【打印】【关闭】)",
    },
    Rule {
        id: "section-list-heading",
        pattern: r"(?i)^(?:special reports|follow us(?: on)?|explore [a-z]+|trending topics|in focus|latest news|editor'?s choice|more videos|watch more|热门专题|专题|关注我们|更多)\s*:?$",
        catches: "\"Special Reports\", \"Follow Us\" and section-list headings",
    },
    Rule {
        id: "read-more-link",
        pattern: r"(?i)^(?:read more|continue reading|click here to|查看更多|点击查看|点击进入专题|阅读原文|展开全文|下载.{0,6}客户端|打开.{0,6}APP)",
        catches: "read-more and app-download prompts",
    },
    Rule {
        id: "advertisement-label",
        pattern: r"(?i)^(?:advertisement|sponsored(?: content)?|广告|推广|skip advertisement|story continues below advertisement)$",
        catches: "advertisement labels between paragraphs",
    },
    Rule {
        id: "newsletter-prompt",
        pattern: r"(?i)^(?:skip past newsletter promotion|after newsletter promotion|sign up (?:for|to) .{0,80}|subscribe(?: now| to .{0,60})?|get the .{0,40}newsletter.*)$",
        catches: "newsletter promotions inside article bodies",
    },
];

super::table!(LINES, LINE_RULES);
